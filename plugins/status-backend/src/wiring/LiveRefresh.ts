import { LoggerService } from '@backstage/backend-plugin-api';
import { coalesce } from '../lib/coalesce';
import { StatusEngine } from '../engine/StatusEngine';
import { LivePush } from '../service/livePush';

/**
 * After new signals (a webhook, an alert, another replica's news): refresh
 * the engine's levels, then tell open pages, so that what they read again is
 * already current. Bursts become one refresh (coalesced over 100 ms).
 */
export class LiveRefresh {
  #pending: Set<string> | 'everything' = new Set();
  readonly #run: () => void;

  constructor(
    private readonly options: {
      engine: () => StatusEngine | undefined;
      livePush: LivePush;
      logger: LoggerService;
      coalesceMs?: number;
    },
  ) {
    this.#run = coalesce(
      () => this.#refreshThenPush(),
      options.coalesceMs ?? 100,
    );
  }

  /** These entities' signals changed; no refs: anything shown may have (e.g. an incident's assignee). */
  changed(entityRefs?: Iterable<string>): void {
    if (!entityRefs) this.#pending = 'everything';
    else if (this.#pending !== 'everything')
      for (const ref of entityRefs) this.#pending.add(ref);
    this.#run();
  }

  async #refreshThenPush() {
    const refs = this.#pending;
    this.#pending = new Set();
    const engine = this.options.engine();
    if (engine?.ready)
      await engine
        .refreshSignals()
        .catch(error =>
          this.options.logger.warn(
            `Refreshing levels after new signals failed: ${error}`,
          ),
        );
    if (refs === 'everything') this.options.livePush.changed();
    else if (refs.size) this.options.livePush.changed(refs);
  }
}
