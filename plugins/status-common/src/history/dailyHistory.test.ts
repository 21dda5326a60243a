import {
  dailyHistory,
  historyAvailability,
  rollupHistory,
  utcDay,
  withBackfilledDays,
} from './dailyHistory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// every date is relative to a "now" of today at 12:00 UTC, so the test holds any day
const today = Math.floor(Date.now() / DAY) * DAY;
const now = new Date(today + 12 * HOUR);
const at = (daysAgo: number, hour: number) =>
  new Date(today - daysAgo * DAY + hour * HOUR).toISOString();

describe('dailyHistory', () => {
  it('has no data before recording began and counts a quiet day as fully available', () => {
    const days = dailyHistory({
      transitions: [],
      days: 5,
      now,
      observedSince: new Date(Date.parse(at(2, 6))),
    });
    expect(days.map(d => d.date)).toEqual(
      [4, 3, 2, 1, 0].map(ago => utcDay(today - ago * DAY)),
    );
    expect(days.map(d => d.observedMs / HOUR)).toEqual([0, 0, 18, 24, 12]);
    expect(days.every(d => d.worst === 'operational')).toBe(true);
    expect(historyAvailability(days, 5)).toEqual({
      days: 5,
      observedMs: 54 * HOUR,
      overall: 1,
      own: 1,
    });
    expect(historyAvailability(days.slice(0, 2), 2).overall).toBeUndefined();
  });

  it('keeps the downtime objectives that count degraded time read: own and inherited, with its upstreams', () => {
    const days = dailyHistory({
      transitions: [
        // degraded by auth-service for two hours
        {
          at: at(0, 1),
          ownTo: 'operational',
          effectiveTo: 'degraded',
          rootCauses: ['component:default/auth-service'],
        },
        // its own degradation while auth-service still weighs: its own
        {
          at: at(0, 3),
          ownTo: 'degraded',
          effectiveTo: 'partial_outage',
          rootCauses: ['component:default/auth-service'],
        },
        { at: at(0, 4), ownTo: 'operational', effectiveTo: 'operational' },
      ],
      days: 2,
      now,
      observedSince: new Date(Date.parse(at(10, 0))),
    });
    const [yesterday, todays] = days;
    expect(yesterday.withDegraded).toBeUndefined();
    expect(todays).toMatchObject({
      ownDowntimeMs: 0,
      upstreamDowntimeMs: HOUR,
      degradedMs: 2 * HOUR,
      withDegraded: {
        ownMs: HOUR,
        inheritedMs: 2 * HOUR,
        upstreams: [{ ref: 'component:default/auth-service', ms: 2 * HOUR }],
      },
    });
  });

  it('splits own and upstream-caused downtime, across midnight, and names the upstream', () => {
    const days = dailyHistory({
      transitions: [
        // its own outage, two hours yesterday morning
        { at: at(1, 8), ownTo: 'major_outage', effectiveTo: 'major_outage' },
        { at: at(1, 10), ownTo: 'operational', effectiveTo: 'operational' },
        // auth-service down from 22:00 yesterday to 03:00 today
        {
          at: at(1, 22),
          ownTo: 'operational',
          effectiveTo: 'partial_outage',
          rootCauses: ['component:default/auth-service'],
        },
        { at: at(0, 3), ownTo: 'operational', effectiveTo: 'operational' },
        // degraded is not downtime
        { at: at(0, 5), ownTo: 'degraded', effectiveTo: 'degraded' },
        { at: at(0, 6), ownTo: 'operational', effectiveTo: 'operational' },
      ],
      days: 2,
      now,
      observedSince: new Date(Date.parse(at(10, 0))),
    });
    const [yesterday, todays] = days;
    expect(yesterday).toMatchObject({
      worst: 'major_outage',
      worstOwn: 'major_outage',
      ownDowntimeMs: 2 * HOUR,
      upstreamDowntimeMs: 2 * HOUR,
      upstreams: [{ ref: 'component:default/auth-service', ms: 2 * HOUR }],
    });
    expect(todays).toMatchObject({
      worst: 'partial_outage',
      worstOwn: 'degraded',
      ownDowntimeMs: 0,
      upstreamDowntimeMs: 3 * HOUR,
      degradedMs: HOUR,
      observedMs: 12 * HOUR,
    });
    const availability = historyAvailability(days, 2);
    expect(availability.own).toBeCloseTo(1 - 2 / 36);
    expect(availability.overall).toBeCloseTo(1 - 7 / 36);
  });

  it('starts the window at the level the last earlier transition left', () => {
    const days = dailyHistory({
      transitions: [
        { at: at(9, 0), ownTo: 'major_outage', effectiveTo: 'major_outage' },
        { at: at(0, 1), ownTo: 'operational', effectiveTo: 'operational' },
      ],
      days: 3,
      now,
      observedSince: new Date(Date.parse(at(30, 0))),
    });
    expect(days.map(d => d.ownDowntimeMs / HOUR)).toEqual([24, 24, 1]);
  });

  it('ignores transitions after now and unreadable times', () => {
    const days = dailyHistory({
      transitions: [
        {
          at: 'not a date',
          ownTo: 'major_outage',
          effectiveTo: 'major_outage',
        },
        {
          at: new Date(now.getTime() + HOUR).toISOString(),
          ownTo: 'major_outage',
          effectiveTo: 'major_outage',
        },
      ],
      days: 1,
      now,
      observedSince: new Date(Date.parse(at(1, 0))),
    });
    expect(days[0]).toMatchObject({ worst: 'operational', ownDowntimeMs: 0 });
  });
});

describe('rollupHistory', () => {
  it('is as bad as the worst member each day, with the members’ mean availability', () => {
    const observedSince = new Date(Date.parse(at(10, 0)));
    const down = dailyHistory({
      transitions: [
        { at: at(1, 0), ownTo: 'major_outage', effectiveTo: 'major_outage' },
        { at: at(1, 6), ownTo: 'operational', effectiveTo: 'operational' },
      ],
      days: 2,
      now,
      observedSince,
    });
    const impacted = dailyHistory({
      transitions: [
        {
          at: at(1, 2),
          ownTo: 'operational',
          effectiveTo: 'partial_outage',
          rootCauses: ['component:default/auth'],
        },
        { at: at(1, 4), ownTo: 'operational', effectiveTo: 'operational' },
      ],
      days: 2,
      now,
      observedSince,
    });
    const quiet = dailyHistory({
      transitions: [],
      days: 2,
      now,
      observedSince,
    });
    const [yesterday, todays] = rollupHistory([down, impacted, quiet]);
    expect(yesterday).toMatchObject({
      worst: 'major_outage',
      worstOwn: 'major_outage',
      ownDowntimeMs: (6 * HOUR) / 3,
      upstreamDowntimeMs: (2 * HOUR) / 3,
      upstreams: [{ ref: 'component:default/auth', ms: 2 * HOUR }],
      observedMs: 24 * HOUR,
    });
    expect(todays.worst).toBe('operational');
    const members = [down, impacted, quiet].map(
      h => historyAvailability(h, 2).overall!,
    );
    expect(historyAvailability([yesterday, todays], 2).overall).toBeCloseTo(
      members.reduce((a, b) => a + b, 0) / 3,
    );
    expect(rollupHistory([])).toEqual([]);
  });
});

describe('withBackfilledDays', () => {
  it('tells the days before recording began from past incidents, overlaps counted once', () => {
    const observedSince = new Date(today + HOUR);
    const days = dailyHistory({
      transitions: [],
      days: 4,
      now: new Date(today + 2 * HOUR),
      observedSince,
    });
    const on = (dayOffset: number, hours: number) =>
      new Date(today + dayOffset * DAY + hours * HOUR);
    const filled = withBackfilledDays(
      days,
      [
        // two overlapping incidents three days ago: 01:00 to 03:00 covered
        {
          createdAt: on(-3, 1),
          resolvedAt: on(-3, 2),
          level: 'partial_outage',
        },
        {
          createdAt: on(-3, 1.5),
          resolvedAt: on(-3, 3),
          level: 'major_outage',
        },
        // 23:00 three days ago to 01:00 two days ago: an hour on each
        { createdAt: on(-2, -1), resolvedAt: on(-2, 1), level: 'degraded' },
      ],
      { from: on(-3, 0), until: observedSince },
    );
    expect(filled.map(d => d.backfilled)).toEqual([
      // three days ago the incidents cover 01:00 to 03:00, all at an outage
      {
        incidents: 3,
        coveredMs: DAY,
        incidentMs: 3 * HOUR,
        downtimeMs: 2 * HOUR,
        worst: 'major_outage',
      },
      // degraded is not downtime
      {
        incidents: 1,
        coveredMs: DAY,
        incidentMs: HOUR,
        downtimeMs: 0,
        worst: 'degraded',
      },
      {
        incidents: 0,
        coveredMs: DAY,
        incidentMs: 0,
        downtimeMs: 0,
        worst: 'operational',
      },
      // today was observed (from 01:00): left as it is
      undefined,
    ]);
    expect(filled[3]).toEqual(days[3]);

    // its own availability counts the past incidents' downtime over the days
    // they cover; overall counts the observed hour only (upstreams unknown)
    expect(historyAvailability(filled, 4)).toEqual({
      days: 4,
      observedMs: HOUR,
      backfilledMs: 3 * DAY,
      overall: 1,
      own: 1 - (2 * HOUR) / (3 * DAY + HOUR),
    });
    // nothing known at all: no figure rather than 100 %
    expect(historyAvailability(days.slice(0, 3), 3)).toEqual({
      days: 3,
      observedMs: 0,
    });
  });
});
