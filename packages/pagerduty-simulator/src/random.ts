/**
 * A small deterministic pseudo-random generator (mulberry32), so that the same
 * seed always produces the same simulated PagerDuty account.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return (
      minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1))
    );
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A log-normally distributed value with the given median. */
  logNormal(median: number, spread: number): number {
    // Box-Muller transform of two uniform draws
    const u = Math.max(this.next(), 1e-9);
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  }

  /** A PagerDuty-style object ID: P followed by six upper-case alphanumerics. */
  pagerDutyId(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    let id = 'P';
    for (let i = 0; i < 6; i++) {
      id += alphabet[Math.floor(this.next() * alphabet.length)];
    }
    return id;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += Math.floor(this.next() * 16).toString(16);
    }
    return out;
  }
}
