import { HIDDEN_ENTITY_REF } from '../api';
import { StatusBudgetSummary } from '../summary/api';
import { StatusObjectiveReport } from './api';

/**
 * Whether an objective's budget burns fast enough to tell its owners, and by
 * whose downtime: at the last hour's pace it runs out within the window (or
 * it is already spent and still burning), and the last day burnt faster than
 * the objective allows, so a blip already over is not told.
 *
 * @public
 */
export function burningBy(
  report: StatusObjectiveReport,
): 'own' | 'inherited' | undefined {
  const hour = report.burnRates?.hour;
  const day = report.burnRates?.day;
  if (!hour || hour.rate <= 0 || !day || day.rate < 1) return undefined;
  const spent = (report.window?.budgetLeft ?? 1) <= 0;
  if (!report.exhaustsAt && !spent) return undefined;
  return hour.own >= hour.inherited ? 'own' : 'inherited';
}

/**
 * The summary kept of an objective's report; undefined without an objective.
 *
 * @public
 */
export function budgetSummary(
  report: StatusObjectiveReport,
): StatusBudgetSummary | undefined {
  const { objective, window } = report;
  if (!objective || !window) return undefined;
  const used = (ms: number) => (window.budgetMs > 0 ? ms / window.budgetMs : 0);
  const top = window.upstreams[0];
  const burning = burningBy(report);
  return {
    target: objective.target,
    windowDays: objective.windowDays,
    ...(window.budgetLeft !== undefined
      ? { budgetLeft: window.budgetLeft }
      : {}),
    ownUsed: used(window.ownMs),
    inheritedUsed: used(window.inheritedMs),
    ...(top && top.ms > 0
      ? { topUpstream: { ref: top.ref, used: used(top.ms) } }
      : {}),
    ...(burning ? { burning } : {}),
    ...(report.exhaustsAt ? { exhaustsAt: report.exhaustsAt } : {}),
    computedAt: report.generatedAt,
  };
}

/**
 * A summary as one reader may read it: the upstream they may not see is
 * `hidden`.
 *
 * @public
 */
export function budgetSummaryFor(
  summary: StatusBudgetSummary,
  mayRead: (ref: string) => boolean,
): StatusBudgetSummary {
  const top = summary.topUpstream;
  if (!top || top.ref === HIDDEN_ENTITY_REF || mayRead(top.ref)) return summary;
  return {
    ...summary,
    topUpstream: { ref: HIDDEN_ENTITY_REF, used: top.used },
  };
}
