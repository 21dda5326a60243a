/** Requests a source may send per minute, unless configured otherwise. */
export const DEFAULT_MAX_REQUESTS_PER_MINUTE = 6_000;

/**
 * A token bucket per source, in memory: each source may send up to its
 * limit per window (a minute by default), in bursts of up to the same
 * number, refilled evenly. A request past it is refused with 429 before any
 * database work, so one noisy or hostile sender (with a valid secret, or a
 * signed-in user) cannot crowd out the others.
 */
export class RequestRateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Requests per window of each source. */
    private readonly perMinute: (source: string) => number,
    private readonly now: () => number = Date.now,
    private readonly windowMs: number = 60_000,
  ) {}

  /** Takes one request from the source's budget: 0 when admitted, else the seconds until one is free. */
  take(source: string): number {
    const limit = Math.max(1, this.perMinute(source));
    const now = this.now();
    const bucket = this.#buckets.get(source) ?? { tokens: limit, at: now };
    const refilled = Math.min(
      limit,
      bucket.tokens + ((now - bucket.at) / this.windowMs) * limit,
    );
    if (refilled >= 1) {
      this.#buckets.set(source, { tokens: refilled - 1, at: now });
      return 0;
    }
    this.#buckets.set(source, { tokens: refilled, at: now });
    return Math.max(
      1,
      Math.ceil(((1 - refilled) * this.windowMs) / 1000 / limit),
    );
  }
}
