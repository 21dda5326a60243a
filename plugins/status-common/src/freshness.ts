/**
 * The parts of a PagerDuty account's data that each sync reads on its own:
 * one failing keeps the others fresh, and only its own part turns stale.
 *
 * @public
 */
export const PAGERDUTY_DATA_PARTS = [
  'services',
  'incidents',
  'maintenance',
  'oncalls',
  'alerts',
  'changes',
  'notes',
  'dependencies',
  'timelines',
] as const;

/**
 * One of {@link PAGERDUTY_DATA_PARTS}.
 *
 * @public
 */
export type PagerDutyDataPart = (typeof PAGERDUTY_DATA_PARTS)[number];

/**
 * The freshness table's name of a part of an account's data, or of the
 * account's webhooks (`pagerduty:<account>:<part>`).
 *
 * @public
 */
export function pagerDutySourceName(
  account: string,
  part: PagerDutyDataPart | 'webhooks',
): string {
  return `pagerduty:${account}:${part}`;
}

/**
 * How fresh one part of an account's data is, as the poll left it.
 *
 * @public
 */
export type StatusPartFreshness = {
  part: PagerDutyDataPart;
  /** ISO 8601; null before the first successful read. */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed; null when it succeeded. */
  lastError: string | null;
  /** When the current run of failed attempts began; null when the last attempt succeeded. */
  failingSince: string | null;
  /** Missed too many syncs (or never read): not to be trusted. */
  stale: boolean;
  /**
   * The last sync left this part out because a part it needs failed (the
   * alerts of open incidents when the incidents could not be read): stale at
   * once, with why in `lastError`, until it is read again.
   */
  skipped?: boolean;
};

/** What a reader loses when a part cannot be read. */
const PART_CONSEQUENCES: Record<PagerDutyDataPart, string> = {
  services: 'PagerDuty services may be out of date',
  incidents: 'Incidents may be out of date',
  maintenance: 'Maintenance windows may be out of date',
  oncalls: 'On-call unknown',
  alerts: "PagerDuty's alerts may be out of date",
  changes: 'Recent changes may be incomplete',
  notes: 'Incident notes may be out of date',
  dependencies: "PagerDuty's service dependencies may be out of date",
  timelines: 'Incident timelines may be out of date',
};

/**
 * One sentence for a part that is failing or stale, in plain words, or
 * undefined when it is fresh, e.g. "On-call unknown: PagerDuty answered 400
 * to GET /oncalls since 10:42", or for a part left out "PagerDuty's alerts
 * may be out of date: not read since 10:40, because the open incidents could
 * not be read from PagerDuty, …". `formatTime` renders an ISO time for the
 * reader (their time zone, their clock format).
 *
 * @public
 */
export function describePartFreshness(
  freshness: StatusPartFreshness,
  formatTime: (iso: string) => string,
): string | undefined {
  const { part, lastError, failingSince, lastSuccessAt, stale } = freshness;
  const why = lastError ? lastError.replace(/\.$/, '') : undefined;
  if (freshness.skipped) {
    // "since" is the data shown: the last read, not when the skipping began
    return `${PART_CONSEQUENCES[part]}: ${
      lastSuccessAt
        ? `not read since ${formatTime(lastSuccessAt)}`
        : 'not read yet'
    }${why ? `, because ${why}` : ''}`;
  }
  if (stale) {
    const since = failingSince ?? lastSuccessAt;
    if (!lastSuccessAt && !lastError) return undefined; // not read yet: the first sync is on its way
    return `${PART_CONSEQUENCES[part]}: ${why ?? 'no successful read'}${
      since ? ` since ${formatTime(since)}` : ''
    }`;
  }
  if (lastError) {
    return `The last read of ${
      part === 'oncalls' ? 'on-call' : part
    } failed (${why}); showing what was read${
      lastSuccessAt ? ` at ${formatTime(lastSuccessAt)}` : ''
    }`;
  }
  return undefined;
}
