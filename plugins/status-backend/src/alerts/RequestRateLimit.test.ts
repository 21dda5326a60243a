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

  it('counts over a longer window when given one: five reports an hour', () => {
    let now = Date.now();
    const limit = new RequestRateLimit(
      () => 5,
      () => now,
      3_600_000,
    );
    expect([1, 2, 3, 4, 5].map(() => limit.take('user:default/sam'))).toEqual([
      0, 0, 0, 0, 0,
    ]);
    // one report's worth of refill is 12 minutes
    expect(limit.take('user:default/sam')).toBe(720);
    expect(limit.take('user:default/nia')).toBe(0);
    now += 11 * 60_000;
    expect(limit.take('user:default/sam')).toBeGreaterThan(0);
    now += 60_000;
    expect(limit.take('user:default/sam')).toBe(0);
  });
});
