import { RequestRateLimit } from './RequestRateLimit';

describe('RequestRateLimit', () => {
  it("admits a source's budget in a burst, then refills evenly, each source on its own", () => {
    let now = Date.now();
    const limit = new RequestRateLimit(
      source => (source === 'grafana' ? 60 : 3),
      () => now,
    );
    expect([1, 2, 3].map(() => limit.take('datadog'))).toEqual([0, 0, 0]);
    // the fourth waits for one request's worth of refill: 60 s / 3
    expect(limit.take('datadog')).toBe(20);
    expect(limit.take('grafana')).toBe(0);
    now += 19_000;
    expect(limit.take('datadog')).toBeGreaterThan(0);
    now += 2_000;
    expect(limit.take('datadog')).toBe(0);
    expect(limit.take('datadog')).toBeGreaterThan(0);
    // an idle source is back to a full burst, never more
    now += 10 * 60_000;
    expect([1, 2, 3].map(() => limit.take('datadog'))).toEqual([0, 0, 0]);
    expect(limit.take('datadog')).toBeGreaterThan(0);
  });
});
