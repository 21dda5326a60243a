import {
  addBlame,
  downtimeCause,
  DowntimeCounting,
  rankBlame,
} from '../history/blame';
import {
  HistoryDay,
  HistoryTransition,
  levelSpans,
} from '../history/dailyHistory';
import { DAY_MS } from '../rules/dates';
import {
  StatusBurnRate,
  StatusDowntime,
  StatusObjective,
  StatusObjectiveReport,
} from './api';

/** The window of an objective that names none. */
export const DEFAULT_OBJECTIVE_WINDOW_DAYS = 30;
/** The longest window: the history the status layer keeps by default. */
export const MAX_OBJECTIVE_WINDOW_DAYS = 90;

/**
 * Reads an objective as the `status.backstage.io/slo` annotation writes it:
 * a percentage, optionally `%`, optionally `/<days>d`, optionally
 * `degraded` when degraded time counts as downtime too (e.g. `99.9`,
 * `99.95%`, `99.5/7d`, `99.9/30d degraded`).
 *
 * @public
 */
export function parseObjective(
  raw: string,
):
  | { target: number; windowDays: number; degradedCounts?: true }
  | { problem: string } {
  const match =
    /^\s*(\d{1,3}(?:\.\d{1,4})?)\s*%?\s*(?:\/\s*(\d{1,3})\s*d)?\s*(degraded)?\s*$/i.exec(
      raw,
    );
  if (!match)
    return {
      problem: `"${raw}" is not an objective: write a percentage such as 99.9, optionally with a window such as 99.9/30d, and "degraded" when degraded time counts as downtime`,
    };
  const percent = Number(match[1]);
  const windowDays = match[2]
    ? Number(match[2])
    : DEFAULT_OBJECTIVE_WINDOW_DAYS;
  if (!(percent > 0 && percent < 100))
    return {
      problem: `${percent} % cannot be met or missed: an objective is above 0 and below 100`,
    };
  if (windowDays < 1 || windowDays > MAX_OBJECTIVE_WINDOW_DAYS)
    return {
      problem: `a window of ${windowDays} days: it must be 1 to ${MAX_OBJECTIVE_WINDOW_DAYS} days`,
    };
  return {
    // 99.9 / 100 is 0.9990000000000001 in floating point
    target: Number((percent / 100).toFixed(6)),
    windowDays,
    ...(match[3] ? { degradedCounts: true as const } : {}),
  };
}

/**
 * What an objective counts as downtime.
 *
 * @public
 */
export const countingOf = (objective: {
  degradedCounts?: boolean;
}): DowntimeCounting => (objective.degradedCounts ? 'degraded' : 'outages');

/**
 * Downtime between `from` and `now` from an entity's transitions (the last
 * one before `from` included), own and inherited, with the upstreams to
 * blame; only what the status layer watched (after `observedSince`) counts.
 *
 * @public
 */
export function downtimeWithin(options: {
  transitions: HistoryTransition[];
  from: number;
  now: number;
  observedSince?: number;
  counting?: DowntimeCounting;
}): StatusDowntime & { maintenanceMs: number } {
  const from = Math.max(
    options.from,
    options.observedSince ?? Number.POSITIVE_INFINITY,
  );
  const result = {
    knownMs: 0,
    ownMs: 0,
    inheritedMs: 0,
    maintenanceMs: 0,
    upstreams: [] as { ref: string; ms: number }[],
  };
  const blame = new Map<string, number>();
  for (const span of levelSpans(options.transitions, from, options.now)) {
    const ms = span.end - span.start;
    result.knownMs += ms;
    const cause = downtimeCause(span, options.counting);
    if (cause === 'own') result.ownMs += ms;
    else if (cause === 'inherited') {
      result.inheritedMs += ms;
      addBlame(blame, span.rootCauses, ms);
    }
    if (span.effective === 'under_maintenance') result.maintenanceMs += ms;
  }
  result.upstreams = rankBlame(blame);
  return result;
}

/** How time under maintenance counts against an objective. */
export type MaintenanceCounting = 'excluded' | 'counted';

/** Downtime over the last days of a daily history, backfilled days included. */
function windowDowntime(
  days: HistoryDay[],
  maintenance: MaintenanceCounting,
  counting: DowntimeCounting,
) {
  let knownMs = 0;
  let ownMs = 0;
  let inheritedMs = 0;
  let maintenanceMs = 0;
  const blame = new Map<string, number>();
  for (const day of days) {
    if (day.observedMs > 0) {
      knownMs += day.observedMs;
      maintenanceMs += day.maintenanceMs;
      const downtime =
        counting === 'degraded'
          ? day.withDegraded
          : {
              ownMs: day.ownDowntimeMs,
              inheritedMs: day.upstreamDowntimeMs,
              upstreams: day.upstreams,
            };
      ownMs += downtime?.ownMs ?? 0;
      inheritedMs += downtime?.inheritedMs ?? 0;
      for (const u of downtime?.upstreams ?? []) addBlame(blame, [u.ref], u.ms);
    } else if (day.backfilled) {
      // before recording: PagerDuty's past incidents, their upstreams unknown
      knownMs += day.backfilled.coveredMs ?? DAY_MS;
      ownMs += day.backfilled.downtimeMs ?? 0;
    }
  }
  if (maintenance === 'counted') ownMs += maintenanceMs;
  else knownMs -= maintenanceMs;
  return {
    knownMs,
    ownMs,
    inheritedMs,
    maintenanceMs,
    upstreams: rankBlame(blame),
  };
}

/** A stretch's burn rate: its downtime's share over the share the objective allows. */
function burnRate(
  downtime: StatusDowntime,
  target: number,
): StatusBurnRate | undefined {
  if (downtime.knownMs <= 0) return undefined;
  const allowed = 1 - target;
  const per = (ms: number) => ms / downtime.knownMs / allowed;
  return {
    rate: per(downtime.ownMs + downtime.inheritedMs),
    own: per(downtime.ownMs),
    inherited: per(downtime.inheritedMs),
  };
}

/**
 * How an entity stands against its objective: attainment and budget over
 * its window (the history's last `windowDays` days, before recording what
 * PagerDuty's past incidents tell), the budget spent by its own signals and
 * by each upstream, how fast the last hour and day burnt it, and when it
 * runs out at the last hour's pace.
 *
 * @public
 */
export function objectiveReport(options: {
  entityRef: string;
  objective: StatusObjective;
  /** The daily history, at least `windowDays` long, newest last. */
  days: HistoryDay[];
  lastHour: StatusDowntime;
  lastDay: StatusDowntime;
  maintenance: MaintenanceCounting;
  now: Date;
}): StatusObjectiveReport {
  const { objective, now } = options;
  const window = windowDowntime(
    options.days.slice(-objective.windowDays),
    options.maintenance,
    countingOf(objective),
  );
  const allowed = 1 - objective.target;
  const spent = window.ownMs + window.inheritedMs;
  const budgetMs = allowed * window.knownMs;
  const hour = burnRate(options.lastHour, objective.target);
  const day = burnRate(options.lastDay, objective.target);
  let exhaustsAt: string | undefined;
  if (hour && hour.rate > 0 && budgetMs > spent) {
    // at the last hour's pace, the rest of the budget lasts this long; told
    // only when that is shorter than the window the objective is kept over
    const leftMs = (budgetMs - spent) / (hour.rate * allowed);
    if (leftMs < objective.windowDays * DAY_MS)
      exhaustsAt = new Date(now.getTime() + leftMs).toISOString();
  }
  return {
    entityRef: options.entityRef,
    objective,
    window: {
      ...window,
      maintenance: options.maintenance,
      ...(window.knownMs > 0 ? { attainment: 1 - spent / window.knownMs } : {}),
      budgetMs,
      ...(budgetMs > 0 ? { budgetLeft: 1 - spent / budgetMs } : {}),
    },
    burnRates: {
      ...(hour ? { hour } : {}),
      ...(day ? { day } : {}),
    },
    ...(exhaustsAt ? { exhaustsAt } : {}),
    generatedAt: now.toISOString(),
  };
}
