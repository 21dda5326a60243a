import { LoggerService } from '@backstage/backend-plugin-api';
import { throttle } from '../lib/coalesce';
import { StatusEngine } from '../engine/StatusEngine';
import { LivePush } from '../service/livePush';

/**
 * After new signals (a webhook, an alert, another replica's news): refresh
 * the engine's levels, then tell open pages, so that what they read again is
 * already current. News after a quiet spell is applied at once; a burst
 * becomes one more refresh at the end of 100 ms.
 */
export class LiveRefresh {
  #pending: Set<string> | 'everything' = new Set();
  readonly #run: () => void;
  /** News received so far, and how much of it the engine has applied. */
  #requested = 0;
  #applied = 0;
  #waiters: { target: number; wake: () => void }[] = [];

  constructor(
    private readonly options: {
      engine: () => StatusEngine | undefined;
      livePush: LivePush;
      logger: LoggerService;
      coalesceMs?: number;
    },
  ) {
    this.#run = throttle(
      () => void this.#refreshThenPush(),
      options.coalesceMs ?? 100,
    );
  }

  /** These entities' signals changed; no refs: anything shown may have (e.g. an incident's assignee). */
  changed(entityRefs?: Iterable<string>): void {
    this.#requested += 1;
    if (!entityRefs) this.#pending = 'everything';
    else if (this.#pending !== 'everything')
      for (const ref of entityRefs) this.#pending.add(ref);
    this.#run();
  }

  /**
   * Resolves once the news received before the call is in the engine's
   * levels, or after `maxWaitMs`: a read that follows a push from another
   * replica (which may reach a browser before this replica has refreshed)
   * then answers with what the push announced.
   */
  current(maxWaitMs = 2_000): Promise<void> {
    const target = this.#requested;
    if (this.#applied >= target) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(resolve, maxWaitMs);
      timer.unref?.();
      this.#waiters.push({
        target,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async #refreshThenPush() {
    const target = this.#requested;
    try {
      await this.#refresh();
    } finally {
      this.#applied = Math.max(this.#applied, target);
      const ready = this.#waiters.filter(w => w.target <= this.#applied);
      this.#waiters = this.#waiters.filter(w => w.target > this.#applied);
      ready.forEach(w => w.wake());
    }
  }

  async #refresh() {
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
