import { compareLevels, HealthLevel, OutageLevel } from '../health';
import { DAY_MS } from '../rules/dates';
import { addBlame, downtimeCause, isDowntimeLevel, rankBlame } from './blame';

/**
 * One recorded change of an entity's levels, as the history reads it.
 *
 * @public
 */
export type HistoryTransition = {
  at: string;
  /** The entity's own level after the change (undefined: not monitored). */
  ownTo?: HealthLevel;
  effectiveTo: HealthLevel;
  /** Upstream entities that explained an inherited level after the change. */
  rootCauses?: string[];
};

/**
 * One day (UTC) of an entity's history.
 *
 * @remarks
 * Downtime is the time at a partial or a major outage. It is the entity's own
 * when its own signals put it there, and upstream-caused when only what it
 * depends on did (its effective level is an outage, its own level is not).
 *
 * @public
 */
export type HistoryDay = {
  /** `YYYY-MM-DD`, in UTC. */
  date: string;
  /** Milliseconds of the day the status layer was watching (0: no data). */
  observedMs: number;
  /** The worst effective level seen during the day. */
  worst: HealthLevel;
  /** The worst level its own signals reached. */
  worstOwn: HealthLevel;
  ownDowntimeMs: number;
  upstreamDowntimeMs: number;
  /** Time at `degraded` (not downtime). */
  degradedMs: number;
  maintenanceMs: number;
  /** The upstreams behind the day's upstream-caused downtime, most time first. */
  upstreams: { ref: string; ms: number }[];
  /**
   * The day's downtime when degraded time counts too (objectives that say
   * so), own and inherited, with its upstreams; absent when there was none.
   */
  withDegraded?: {
    ownMs: number;
    inheritedMs: number;
    upstreams: { ref: string; ms: number }[];
  };
  /**
   * For a day before recording began that PagerDuty's past incidents cover:
   * what they tell (incidents only; dependencies unknown).
   */
  backfilled?: BackfilledDay;
};

/**
 * What PagerDuty's past incidents tell of a day before recording began.
 *
 * @public
 */
export type BackfilledDay = {
  incidents: number;
  /** Time of the day the past incidents were read for (all of it, but at the window's ends). */
  coveredMs?: number;
  /** Time of the day covered by at least one incident. */
  incidentMs: number;
  /** Time of the day covered by at least one incident at a partial or major outage: downtime of its own. */
  downtimeMs?: number;
  /** The worst level an incident of the day raises the entity to. */
  worst: OutageLevel;
};

/**
 * Availability over a number of days, counting only what is known: overall,
 * the share of the observed time that was not downtime; its own, the share
 * of the observed time and of the days before recording that PagerDuty's
 * past incidents cover (their upstreams unknown) that was not its own
 * downtime.
 *
 * @public
 */
export type HistoryAvailability = {
  days: number;
  /** Time the status layer watched. */
  observedMs: number;
  /** Time before recording began that PagerDuty's past incidents cover. */
  backfilledMs?: number;
  /** 0 to 1, over the observed time; undefined when nothing was observed. */
  overall?: number;
  /** 0 to 1, over the observed and the backfilled time; undefined when neither. */
  own?: number;
};

/** The upstreams a day keeps, most blamed first. */
const UPSTREAMS_PER_DAY = 5;

const worse = (a: HealthLevel, b: HealthLevel) =>
  compareLevels(a, b) >= 0 ? a : b;

/** The UTC day of a time, as `YYYY-MM-DD`. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A stretch of time at one level: from a transition to the next (or to now). */
export type LevelSpan = {
  start: number;
  end: number;
  own: HealthLevel;
  effective: HealthLevel;
  rootCauses: string[];
};

/**
 * The stretches of time an entity's transitions describe between `from` and
 * `now` (milliseconds): the last transition before `from` sets the level at
 * `from`; before the first one, the entity was operational.
 *
 * @public
 */
export function levelSpans(
  transitions: HistoryTransition[],
  from: number,
  now: number,
): LevelSpan[] {
  const spans: LevelSpan[] = [];
  let level = {
    own: 'operational' as HealthLevel,
    effective: 'operational' as HealthLevel,
    rootCauses: [] as string[],
    since: from,
  };
  const close = (end: number) => {
    const start = Math.max(level.since, from);
    if (end > start) spans.push({ start, end, ...level });
  };
  for (const transition of transitions) {
    const at = Date.parse(transition.at);
    if (Number.isNaN(at) || at > now) continue;
    close(at);
    level = {
      own: transition.ownTo ?? 'operational',
      effective: transition.effectiveTo,
      rootCauses: transition.rootCauses ?? [],
      since: at,
    };
  }
  close(now);
  return spans;
}

/**
 * Splits an entity's level transitions into days: per day the worst level,
 * own and upstream-caused downtime, time degraded and under maintenance, and
 * the upstreams to blame.
 *
 * @param options.transitions - the transitions from `from` to `now`, oldest
 *   first, and the last one before `from` (which sets the level at `from`)
 * @param options.observedSince - when the status layer began recording:
 *   before it, days have no data
 * @public
 */
export function dailyHistory(options: {
  transitions: HistoryTransition[];
  days: number;
  now: Date;
  observedSince?: Date;
}): HistoryDay[] {
  const now = options.now.getTime();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const from = today - (options.days - 1) * DAY_MS;
  const observedFrom = Math.max(
    from,
    options.observedSince?.getTime() ?? Number.POSITIVE_INFINITY,
  );
  const days: HistoryDay[] = Array.from({ length: options.days }, (_, i) => ({
    date: utcDay(from + i * DAY_MS),
    observedMs: 0,
    worst: 'operational',
    worstOwn: 'operational',
    ownDowntimeMs: 0,
    upstreamDowntimeMs: 0,
    degradedMs: 0,
    maintenanceMs: 0,
    upstreams: [],
  }));
  const blame = days.map(() => new Map<string, number>());
  const blameWithDegraded = days.map(() => new Map<string, number>());

  const spans = levelSpans(options.transitions, observedFrom, now);

  for (const span of spans) {
    for (
      let dayStart = Math.floor(span.start / DAY_MS) * DAY_MS;
      dayStart < span.end;
      dayStart += DAY_MS
    ) {
      const index = (dayStart - from) / DAY_MS;
      if (index < 0 || index >= days.length) continue;
      const day = days[index];
      const ms =
        Math.min(span.end, dayStart + DAY_MS) - Math.max(span.start, dayStart);
      if (ms <= 0) continue;
      day.observedMs += ms;
      day.worst = worse(day.worst, span.effective);
      day.worstOwn = worse(day.worstOwn, span.own);
      const cause = downtimeCause(span);
      if (cause === 'own') day.ownDowntimeMs += ms;
      else if (cause === 'inherited') {
        day.upstreamDowntimeMs += ms;
        addBlame(blame[index], span.rootCauses, ms);
      }
      const withDegraded = downtimeCause(span, 'degraded');
      if (withDegraded) {
        day.withDegraded ??= { ownMs: 0, inheritedMs: 0, upstreams: [] };
        if (withDegraded === 'own') day.withDegraded.ownMs += ms;
        else {
          day.withDegraded.inheritedMs += ms;
          addBlame(blameWithDegraded[index], span.rootCauses, ms);
        }
      }
      if (span.effective === 'degraded') day.degradedMs += ms;
      if (span.effective === 'under_maintenance') day.maintenanceMs += ms;
    }
  }
  days.forEach((day, i) => {
    day.upstreams = rankBlame(blame[i], UPSTREAMS_PER_DAY);
    if (day.withDegraded)
      day.withDegraded.upstreams = rankBlame(
        blameWithDegraded[i],
        UPSTREAMS_PER_DAY,
      );
  });
  return days;
}

/**
 * Availability over the last `days` days of a daily history.
 *
 * @public
 */
export function historyAvailability(
  history: HistoryDay[],
  days: number,
): HistoryAvailability {
  const recent = history.slice(-days);
  const observedMs = recent.reduce((sum, d) => sum + d.observedMs, 0);
  const past = recent.filter(d => !d.observedMs && d.backfilled);
  const backfilledMs = past.reduce(
    (sum, d) => sum + (d.backfilled!.coveredMs ?? DAY_MS),
    0,
  );
  const pastDowntime = past.reduce(
    (sum, d) => sum + (d.backfilled!.downtimeMs ?? 0),
    0,
  );
  const own = recent.reduce((sum, d) => sum + d.ownDowntimeMs, 0);
  const upstream = recent.reduce((sum, d) => sum + d.upstreamDowntimeMs, 0);
  const known = observedMs + backfilledMs;
  return {
    days,
    observedMs,
    ...(backfilledMs ? { backfilledMs } : {}),
    ...(observedMs ? { overall: 1 - (own + upstream) / observedMs } : {}),
    ...(known ? { own: 1 - (own + pastDowntime) / known } : {}),
  };
}

/**
 * The history of a System, Domain or Group from its members' histories (the
 * same days): each day as bad as its worst member, downtime the members'
 * average (so availability is the members' mean), the upstreams to blame
 * merged.
 *
 * @public
 */
export function rollupHistory(members: HistoryDay[][]): HistoryDay[] {
  if (!members.length) return [];
  return members[0].map((first, index) => {
    const days = members.map(m => m[index]);
    const mean = (key: keyof HistoryDay) =>
      days.reduce((sum, d) => sum + (d[key] as number), 0) / days.length;
    const blame = new Map<string, number>();
    for (const day of days)
      for (const u of day.upstreams) addBlame(blame, [u.ref], u.ms);
    return {
      date: first.date,
      observedMs: Math.max(...days.map(d => d.observedMs)),
      worst: days.map(d => d.worst).reduce(worse),
      worstOwn: days.map(d => d.worstOwn).reduce(worse),
      ownDowntimeMs: mean('ownDowntimeMs'),
      upstreamDowntimeMs: mean('upstreamDowntimeMs'),
      degradedMs: mean('degradedMs'),
      maintenanceMs: mean('maintenanceMs'),
      upstreams: rankBlame(blame, UPSTREAMS_PER_DAY),
    };
  });
}

/**
 * Fills the days before recording began with what past incidents tell:
 * for each day without observation that the backfill window `[from, until)`
 * covers, the incidents that were open during it, the time covered by at
 * least one, and the worst level they raise the entity to. Other days are
 * returned as they are.
 *
 * @public
 */
export function withBackfilledDays(
  days: HistoryDay[],
  incidents: { createdAt: Date; resolvedAt?: Date; level: OutageLevel }[],
  window: { from: Date; until: Date },
): HistoryDay[] {
  const from = window.from.getTime();
  const until = window.until.getTime();
  return days.map(day => {
    const start = Math.max(Date.parse(`${day.date}T00:00:00Z`), from);
    const end = Math.min(Date.parse(`${day.date}T00:00:00Z`) + DAY_MS, until);
    if (day.observedMs > 0 || end <= start) return day;
    const spans = incidents
      .map(
        i =>
          [
            Math.max(i.createdAt.getTime(), start),
            Math.min(i.resolvedAt?.getTime() ?? until, end),
            i,
          ] as const,
      )
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let reach = start;
    let down = 0;
    let downReach = start;
    let worst: OutageLevel = 'operational';
    for (const [a, b, incident] of spans) {
      covered += Math.max(0, b - Math.max(a, reach));
      reach = Math.max(reach, b);
      if (isDowntimeLevel(incident.level)) {
        down += Math.max(0, b - Math.max(a, downReach));
        downReach = Math.max(downReach, b);
      }
      if (compareLevels(incident.level, worst) > 0) worst = incident.level;
    }
    return {
      ...day,
      backfilled: {
        incidents: spans.length,
        coveredMs: end - start,
        incidentMs: covered,
        downtimeMs: down,
        worst,
      },
    };
  });
}
