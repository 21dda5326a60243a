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
  /** What to push after the refresh: entities, everything, or nothing (news from another replica, which pushes its own). */
  #pending: Set<string> | 'everything' | undefined = undefined;
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

  /**
   * These entities' signals changed (an empty list: something only pages of
   * many entities show); no list: anything shown may have.
   */
  changed(entityRefs?: Iterable<string>): void {
    this.#requested += 1;
    if (!entityRefs) this.#pending = 'everything';
    else if (this.#pending !== 'everything') {
      this.#pending ??= new Set();
      for (const ref of entityRefs) this.#pending.add(ref);
    }
    this.#run();
  }

  /**
   * Another replica stored new signals: refresh this engine so that its
   * reads are current; that replica tells the browsers.
   */
  refreshOnly(): void {
    this.#requested += 1;
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
    this.#pending = undefined;
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
    else if (refs) this.options.livePush.changed(refs);
  }
}
