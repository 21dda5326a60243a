import { HIDDEN_ENTITY_REF } from '../api';
import { historyDay } from './__testUtils__/historyDay';
import { HistoryDay } from '../history/dailyHistory';
import { DAY_MS } from '../rules/dates';
import { StatusDowntime } from './api';
import { budgetSummary, budgetSummaryFor, burningBy } from './budgetSummary';
import { objectiveReport } from './objectives';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date(Date.now());

const day = historyDay;
const stretch = (
  knownMs: number,
  ownMs: number,
  inheritedMs: number,
): StatusDowntime => ({ knownMs, ownMs, inheritedMs, upstreams: [] });

/** 99.9 % over 30 days: 43.2 minutes of budget. */
const report = (options: {
  today?: Partial<HistoryDay>;
  lastHour: StatusDowntime;
  lastDay: StatusDowntime;
}) =>
  objectiveReport({
    entityRef: 'component:default/shop-web',
    objective: { target: 0.999, windowDays: 30, source: 'annotation' },
    days: [...Array.from({ length: 29 }, () => day()), day(options.today)],
    lastHour: options.lastHour,
    lastDay: options.lastDay,
    maintenance: 'excluded',
    now: NOW,
  });

describe('budgetSummary', () => {
  it('keeps what lists show: budget left, who used it, the top upstream', () => {
    const summary = budgetSummary(
      report({
        today: {
          ownDowntimeMs: 4 * MIN,
          upstreamDowntimeMs: 16 * MIN,
          upstreams: [{ ref: 'component:default/auth-service', ms: 16 * MIN }],
        },
        lastHour: stretch(HOUR, 0, 0),
        lastDay: stretch(DAY_MS, 4 * MIN, 16 * MIN),
      }),
    )!;
    expect(summary.budgetLeft).toBeCloseTo(1 - 20 / 43.2);
    expect(summary.ownUsed).toBeCloseTo(4 / 43.2);
    expect(summary.inheritedUsed).toBeCloseTo(16 / 43.2);
    expect(summary.topUpstream).toEqual({
      ref: 'component:default/auth-service',
      used: expect.closeTo(16 / 43.2),
    });
    // nothing burnt in the last hour: not burning however much was spent
    expect(summary.burning).toBeUndefined();
    expect(summary.computedAt).toBe(NOW.toISOString());
  });

  it('is burning when the last hour would spend the rest within the window and the last day burnt fast', () => {
    const inherited = report({
      today: { upstreamDowntimeMs: 10 * MIN },
      lastHour: stretch(HOUR, 0, 10 * MIN),
      lastDay: stretch(DAY_MS, 0, 10 * MIN),
    });
    expect(burningBy(inherited)).toBe('inherited');
    expect(budgetSummary(inherited)!.exhaustsAt).toBeDefined();
    const own = report({
      today: { ownDowntimeMs: 6 * MIN, upstreamDowntimeMs: 4 * MIN },
      lastHour: stretch(HOUR, 6 * MIN, 4 * MIN),
      lastDay: stretch(DAY_MS, 6 * MIN, 4 * MIN),
    });
    expect(budgetSummary(own)!.burning).toBe('own');
  });

  it('is not burning when the last day kept to the objective, or after the budget was spent and the burn stopped', () => {
    // a minute in the last hour, but the day at less than the allowed pace
    expect(
      burningBy(
        report({
          today: { ownDowntimeMs: MIN },
          lastHour: stretch(HOUR, MIN, 0),
          lastDay: stretch(DAY_MS, MIN, 0),
        }),
      ),
    ).toBeUndefined();
    const spentStill = report({
      today: { ownDowntimeMs: 60 * MIN },
      lastHour: stretch(HOUR, 30 * MIN, 0),
      lastDay: stretch(DAY_MS, 60 * MIN, 0),
    });
    expect(spentStill.window!.budgetLeft).toBeLessThan(0);
    expect(burningBy(spentStill)).toBe('own');
    expect(
      burningBy(
        report({
          today: { ownDowntimeMs: 60 * MIN },
          lastHour: stretch(HOUR, 0, 0),
          lastDay: stretch(DAY_MS, 60 * MIN, 0),
        }),
      ),
    ).toBeUndefined();
  });

  it('has nothing to keep without an objective', () => {
    expect(
      budgetSummary({ entityRef: 'component:default/x', generatedAt: '' }),
    ).toBeUndefined();
  });

  it('masks the top upstream for a reader who may not see it', () => {
    const summary = budgetSummary(
      report({
        today: {
          upstreamDowntimeMs: 10 * MIN,
          upstreams: [{ ref: 'component:default/auth-service', ms: 10 * MIN }],
        },
        lastHour: stretch(HOUR, 0, 0),
        lastDay: stretch(DAY_MS, 0, 10 * MIN),
      }),
    )!;
    expect(budgetSummaryFor(summary, () => false).topUpstream?.ref).toBe(
      HIDDEN_ENTITY_REF,
    );
    expect(budgetSummaryFor(summary, () => true)).toBe(summary);
  });
});
