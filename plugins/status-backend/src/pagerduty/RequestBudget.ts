/**
 * A sliding-minute request budget: `acquire` resolves when a request may be
 * sent without exceeding `perMinute` requests in any 60 seconds.
 */
export class RequestBudget {
  private readonly sent: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly clock: {
      now: () => number;
      sleep: (ms: number) => Promise<void>;
    },
  ) {}

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length && this.sent[0] <= now - 60_000)
        this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.clock.sleep(this.sent[0] + 60_000 - now);
    }
  }
}
