import { DAY_MS } from '../rules/dates';

/**
 * The times of one incident that response figures rest on.
 *
 * @public
 */
export type IncidentTimes = {
  createdAt: string;
  /** When it was acknowledged (the latest acknowledgement seen). */
  acknowledgedAt?: string;
  resolvedAt?: string;
};

/**
 * Incident response over one period.
 *
 * @remarks
 * Over the incidents created in the period: MTTA is the mean time from
 * creation to acknowledgement of those acknowledged, MTTR the mean time from
 * creation to resolution of those resolved (as PagerDuty's analytics define
 * them).
 *
 * @public
 */
export type ResponseFigures = {
  incidents: number;
  acknowledged: number;
  resolved: number;
  /** Mean time to acknowledge, in ms; undefined when none was acknowledged. */
  mttaMs?: number;
  /** Mean time to resolve, in ms; undefined when none was resolved. */
  mttrMs?: number;
};

/**
 * Response over the last `days` days, with the same figures for the period
 * before it for a trend.
 *
 * @public
 */
export type ResponsePeriod = {
  days: number;
  current: ResponseFigures;
  previous: ResponseFigures;
};

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

/**
 * MTTA, MTTR and counts over the incidents created from `from` (included) to
 * `to` (excluded).
 *
 * @public
 */
export function responseFigures(
  incidents: IncidentTimes[],
  from: Date,
  to: Date,
): ResponseFigures {
  const inPeriod = incidents.filter(i => {
    const created = Date.parse(i.createdAt);
    return created >= from.getTime() && created < to.getTime();
  });
  const after = (i: IncidentTimes, at?: string) =>
    at === undefined ? undefined : Date.parse(at) - Date.parse(i.createdAt);
  const ack = inPeriod
    .map(i => after(i, i.acknowledgedAt))
    .filter((ms): ms is number => ms !== undefined && ms >= 0);
  const resolve = inPeriod
    .map(i => after(i, i.resolvedAt))
    .filter((ms): ms is number => ms !== undefined && ms >= 0);
  return {
    incidents: inPeriod.length,
    acknowledged: ack.length,
    resolved: resolve.length,
    mttaMs: mean(ack),
    mttrMs: mean(resolve),
  };
}

/**
 * Response over the last 7, 30 and 90 days to `now`, each with the period
 * before it.
 *
 * @public
 */
export function responsePeriods(
  incidents: IncidentTimes[],
  now: Date,
  periods: number[] = [7, 30, 90],
): ResponsePeriod[] {
  return periods.map(days => {
    const start = new Date(now.getTime() - days * DAY_MS);
    const before = new Date(start.getTime() - days * DAY_MS);
    return {
      days,
      current: responseFigures(incidents, start, now),
      previous: responseFigures(incidents, before, start),
    };
  });
}

/**
 * An entity's or a team's incident response, as `GET …/response` returns it.
 *
 * @public
 */
export type StatusResponse = {
  entityRef: string;
  /** The PagerDuty services counted (a team's: those of what it owns and the reader may see). */
  services: number;
  /** Over the last 7, 30 and 90 days, each with the period before it. */
  periods: ResponsePeriod[];
  /** Incidents are counted from here on: those seen since the status layer began recording. */
  observedSince?: string;
  /**
   * Past incidents read from PagerDuty's analytics for the accounts counted:
   * from when (the oldest window), how many so far, and whether every
   * account's reading is finished. Absent before any began.
   */
  backfill?: { from: string; incidents: number; finished: boolean };
  /** More incidents than one answer reads: the figures cover the newest. */
  truncated: boolean;
};

/**
 * Incident response per owning team over one period, as
 * `GET /response/teams` returns it for the dashboard.
 *
 * @public
 */
export type StatusTeamResponse = {
  days: number;
  /** Most incidents first. */
  teams: {
    /** The owning Group (or User). */
    owner: string;
    /** Its PagerDuty services the reader may see. */
    services: number;
    current: ResponseFigures;
    previous: ResponseFigures;
  }[];
  observedSince?: string;
  /** More incidents than one answer reads: the newest are counted. */
  truncated: boolean;
  generatedAt: string;
};
