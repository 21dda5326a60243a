import { Request } from 'express';
import { PagerDutyApiError } from './errors';
import { dateParam, oneOf, stringParam } from './params';

/** The longest since/until range, in days, whatever the months (see {@link sixMonthsAfter}). */
const SIX_MONTHS_MAX_DAYS = 183;

function oneMonthBefore(date: Date): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d;
}

/**
 * The end of the longest since/until range PagerDuty documents ("Maximum
 * range is 6 months"): six calendar months on (UTC), and never more than 183
 * days, so whichever reading of "6 months" PagerDuty applies, the simulator
 * is at least as strict.
 */
function sixMonthsAfter(since: Date): Date {
  const months = new Date(since);
  months.setUTCMonth(months.getUTCMonth() + 6);
  // 31 August + 6 months rolls over to 3 March: the month's end, then
  if (months.getUTCDate() !== since.getUTCDate()) months.setUTCDate(0);
  return new Date(
    Math.min(
      months.getTime(),
      since.getTime() + SIX_MONTHS_MAX_DAYS * 86_400_000,
    ),
  );
}

/** since/until as PagerDuty reads them: one month by default, at most six months, or everything with date_range=all. */
export function dateRange(
  req: Request,
  now: Date,
): { since?: Date; until?: Date } {
  if (stringParam(req.query, 'date_range') !== undefined) {
    oneOf(stringParam(req.query, 'date_range')!, ['all'], 'date_range');
    return {};
  }
  const until = dateParam(req.query, 'until') ?? now;
  const since = dateParam(req.query, 'since') ?? oneMonthBefore(until);
  if (since > until)
    throw PagerDutyApiError.invalidInput('since must be before until');
  if (until > sixMonthsAfter(since)) {
    throw PagerDutyApiError.invalidInput(
      'The date range must not exceed 6 months',
    );
  }
  return { since, until };
}
