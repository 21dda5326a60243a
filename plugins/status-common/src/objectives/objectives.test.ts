import { HistoryDay } from '../history/dailyHistory';
import { historyDay } from './__testUtils__/historyDay';
import { DAY_MS } from '../rules/dates';
import { downtimeWithin, objectiveReport, parseObjective } from './objectives';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date(Date.now());

const day = historyDay;
const none = { knownMs: HOUR, ownMs: 0, inheritedMs: 0, upstreams: [] };
const thirtyDays = (changes: Partial<HistoryDay>[] = []) =>
  Array.from({ length: 30 }, (_, i) => day(changes[i] ?? {}));

describe('parseObjective', () => {
  it('reads a percentage, with an optional window in days', () => {
    expect(parseObjective('99.9')).toEqual({ target: 0.999, windowDays: 30 });
    expect(parseObjective(' 99.95 % ')).toEqual({
      target: 0.9995,
      windowDays: 30,
    });
    expect(parseObjective('99.5/7d')).toEqual({ target: 0.995, windowDays: 7 });
  });

  it('reads whether degraded time counts too', () => {
    expect(parseObjective('99.9/30d degraded')).toEqual({
      target: 0.999,
      windowDays: 30,
      degradedCounts: true,
    });
    expect(parseObjective('99.5 Degraded')).toEqual({
      target: 0.995,
      windowDays: 30,
      degradedCounts: true,
    });
    expect(parseObjective('99.5 slow')).toEqual({
      problem: expect.stringContaining('"degraded" when degraded time counts'),
    });
  });

  it('says what is wrong with an objective that cannot be kept', () => {
    expect(parseObjective('three nines')).toEqual({
      problem: expect.stringContaining('write a percentage such as 99.9'),
    });
    expect(parseObjective('0')).toEqual({
      problem: expect.stringContaining('above 0 and below 100'),
    });
    expect(parseObjective('99.9/365d')).toEqual({
      problem: expect.stringContaining('1 to 90 days'),
    });
  });
});

describe('objectiveReport', () => {
  const objective = {
    target: 0.999,
    windowDays: 30,
    source: 'annotation' as const,
  };

  it('spends the budget by own and inherited downtime, naming each upstream', () => {
    // 99.9 % of 30 days allows 43.2 minutes down
    const days = thirtyDays([
      {
        upstreamDowntimeMs: 20 * MIN,
        upstreams: [
          { ref: 'component:default/auth-service', ms: 16 * MIN },
          { ref: 'component:default/points-api', ms: 4 * MIN },
        ],
      },
      { ownDowntimeMs: 5 * MIN },
      {
        upstreamDowntimeMs: 7 * MIN,
        upstreams: [{ ref: 'component:default/auth-service', ms: 7 * MIN }],
      },
    ]);
    const report = objectiveReport({
      entityRef: 'component:default/shop-web',
      objective,
      days,
      lastHour: none,
      lastDay: none,
      maintenance: 'excluded',
      now: NOW,
    });
    expect(report.window!.budgetMs).toBeCloseTo(43.2 * MIN);
    expect(report.window).toMatchObject({
      knownMs: 30 * DAY_MS,
      ownMs: 5 * MIN,
      inheritedMs: 27 * MIN,
      upstreams: [
        { ref: 'component:default/auth-service', ms: 23 * MIN },
        { ref: 'component:default/points-api', ms: 4 * MIN },
      ],
    });
    expect(report.window!.attainment).toBeCloseTo(1 - 32 / (30 * 24 * 60));
    expect(report.window!.budgetLeft).toBeCloseTo(1 - 32 / 43.2);
    // auth-service alone used 53 % of the budget
    expect(23 / 43.2).toBeCloseTo(0.532, 3);
    expect(report.exhaustsAt).toBeUndefined();
  });

  it('counts degraded time only for an objective that says so', () => {
    const days = thirtyDays([
      {
        degradedMs: 30 * MIN,
        withDegraded: {
          ownMs: 0,
          inheritedMs: 30 * MIN,
          upstreams: [{ ref: 'component:default/auth-service', ms: 30 * MIN }],
        },
      },
    ]);
    const report = (degradedCounts?: boolean) =>
      objectiveReport({
        entityRef: 'component:default/shop-web',
        objective: {
          ...objective,
          ...(degradedCounts ? { degradedCounts } : {}),
        },
        days,
        lastHour: none,
        lastDay: none,
        maintenance: 'excluded',
        now: NOW,
      });
    expect(report().window).toMatchObject({ inheritedMs: 0, budgetLeft: 1 });
    expect(report(true).window).toMatchObject({
      ownMs: 0,
      inheritedMs: 30 * MIN,
      upstreams: [{ ref: 'component:default/auth-service', ms: 30 * MIN }],
    });
    expect(report(true).window!.budgetLeft).toBeCloseTo(1 - 30 / 43.2);
  });

  it('counts days before recording from past incidents, and maintenance as configured', () => {
    const days = thirtyDays([
      {
        observedMs: 0,
        backfilled: {
          incidents: 1,
          incidentMs: HOUR,
          downtimeMs: 30 * MIN,
          worst: 'major_outage',
          coveredMs: DAY_MS,
        },
      },
      { observedMs: 0 },
      { maintenanceMs: 2 * HOUR },
    ]);
    const read = (maintenance: 'excluded' | 'counted') =>
      objectiveReport({
        entityRef: 'component:default/cart-api',
        objective,
        days,
        lastHour: none,
        lastDay: none,
        maintenance,
        now: NOW,
      }).window!;
    // a day without data is not known; maintenance leaves the window
    expect(read('excluded')).toMatchObject({
      knownMs: 29 * DAY_MS - 2 * HOUR,
      ownMs: 30 * MIN,
      maintenanceMs: 2 * HOUR,
    });
    // or counts as the entity's own downtime
    expect(read('counted')).toMatchObject({
      knownMs: 29 * DAY_MS,
      ownMs: 30 * MIN + 2 * HOUR,
    });
    expect(read('counted').budgetLeft).toBeLessThan(0);
  });

  it('tells burn rates, own apart from inherited, and when the budget runs out at the last hour’s pace', () => {
    const report = objectiveReport({
      entityRef: 'component:default/shop-web',
      objective,
      days: thirtyDays([{ upstreamDowntimeMs: 10 * MIN }]),
      // the whole last hour down, by an upstream: 1,000 times the allowed pace
      lastHour: { knownMs: HOUR, ownMs: 0, inheritedMs: HOUR, upstreams: [] },
      lastDay: {
        knownMs: DAY_MS,
        ownMs: 12 * MIN,
        inheritedMs: HOUR,
        upstreams: [],
      },
      maintenance: 'excluded',
      now: NOW,
    });
    expect(report.burnRates!.hour).toEqual({
      rate: expect.closeTo(1000, 6),
      own: 0,
      inherited: expect.closeTo(1000, 6),
    });
    expect(report.burnRates!.day!.own).toBeCloseTo(12 / 1.44, 6);
    expect(report.burnRates!.day!.inherited).toBeCloseTo(60 / 1.44, 6);
    // 33.2 minutes of budget left, spent at the whole of each minute
    expect(Date.parse(report.exhaustsAt!) - NOW.getTime()).toBeCloseTo(
      33.2 * MIN,
      -2,
    );
  });

  it('says nothing it does not know', () => {
    const report = objectiveReport({
      entityRef: 'component:default/new',
      objective,
      days: thirtyDays().map(d => ({ ...d, observedMs: 0 })),
      lastHour: { ...none, knownMs: 0 },
      lastDay: { ...none, knownMs: 0 },
      maintenance: 'excluded',
      now: NOW,
    });
    expect(report.window).toEqual({
      knownMs: 0,
      ownMs: 0,
      inheritedMs: 0,
      maintenanceMs: 0,
      maintenance: 'excluded',
      upstreams: [],
      budgetMs: 0,
    });
    expect(report.burnRates).toEqual({});
  });
});

describe('downtimeWithin', () => {
  it('splits the stretch since the last transition before it, from when recording began', () => {
    const at = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();
    const transitions = [
      {
        at: at(3 * HOUR),
        effectiveTo: 'major_outage' as const,
        ownTo: 'operational' as const,
        rootCauses: ['component:default/auth-service'],
      },
      {
        at: at(30 * MIN),
        effectiveTo: 'major_outage' as const,
        ownTo: 'major_outage' as const,
      },
      {
        at: at(10 * MIN),
        effectiveTo: 'operational' as const,
        ownTo: 'operational' as const,
      },
    ];
    expect(
      downtimeWithin({
        transitions,
        from: NOW.getTime() - HOUR,
        now: NOW.getTime(),
        observedSince: NOW.getTime() - 2 * DAY_MS,
      }),
    ).toEqual({
      knownMs: HOUR,
      ownMs: 20 * MIN,
      inheritedMs: 30 * MIN,
      maintenanceMs: 0,
      upstreams: [{ ref: 'component:default/auth-service', ms: 30 * MIN }],
    });
    // degraded time counted: the last ten minutes at degraded are inherited downtime too
    const degraded = [
      ...transitions,
      {
        at: at(5 * MIN),
        effectiveTo: 'degraded' as const,
        ownTo: 'operational' as const,
        rootCauses: ['component:default/auth-service'],
      },
    ];
    const window = {
      transitions: degraded,
      from: NOW.getTime() - HOUR,
      now: NOW.getTime(),
      observedSince: NOW.getTime() - 2 * DAY_MS,
    };
    expect(downtimeWithin(window).inheritedMs).toBe(30 * MIN);
    expect(
      downtimeWithin({ ...window, counting: 'degraded' }).inheritedMs,
    ).toBe(35 * MIN);
    // recording began 40 minutes ago
    expect(
      downtimeWithin({
        transitions,
        from: NOW.getTime() - HOUR,
        now: NOW.getTime(),
        observedSince: NOW.getTime() - 40 * MIN,
      }).knownMs,
    ).toBe(40 * MIN);
  });
});
