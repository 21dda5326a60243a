import { NormalisedAlert } from '@status-layer/plugin-status-common';
import { AlertStore } from '../database';

/** How long a source's firing count is trusted before it is read again. */
const COUNT_TTL_MS = 10_000;

/**
 * Keeps each source's firing alerts under its cap without a database read per
 * webhook: an estimate (the last count read, plus what was admitted since)
 * answers while it is clearly under the cap; near the cap the store says
 * exactly how many fire and which of the webhook's alerts already do (a repeat
 * or a resolution is always admitted).
 */
export class FiringCap {
  private readonly counts = new Map<
    string,
    { firing: number; readAt: number; admitted: number }
  >();

  constructor(
    private readonly alerts: AlertStore,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Whether a webhook's alerts may be stored; when they may, whether the
   * source is still at its cap; when not, how many of its alerts fire.
   */
  async admit(
    source: string,
    cap: number,
    received: NormalisedAlert[],
  ): Promise<{ ok: true; atCap: boolean } | { ok: false; firing: number }> {
    const firing = received.filter(a => a.state === 'firing');
    if (firing.length === 0) {
      // a resolution frees room: the next new alert reads the count again
      if (received.length) this.counts.delete(source);
      return { ok: true, atCap: false };
    }
    let count = this.counts.get(source);
    if (!count || this.now() - count.readAt > COUNT_TTL_MS) {
      count = {
        firing: await this.alerts.countFiring(source),
        readAt: this.now(),
        admitted: 0,
      };
      this.counts.set(source, count);
    }
    if (count.firing + count.admitted + firing.length < cap) {
      count.admitted += firing.length;
      return { ok: true, atCap: false };
    }
    // near the cap: exactly
    const exact = await this.alerts.countFiring(source);
    const known = new Set(
      await this.alerts.firingFingerprints(
        source,
        firing.map(a => a.fingerprint),
      ),
    );
    const added = firing.filter(a => !known.has(a.fingerprint)).length;
    this.counts.set(source, {
      firing: exact,
      readAt: this.now(),
      admitted: 0,
    });
    if (exact + added > cap) return { ok: false, firing: exact };
    this.counts.get(source)!.admitted = added;
    return { ok: true, atCap: exact + added >= cap };
  }
}
