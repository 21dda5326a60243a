import {
  HIDDEN_ENTITY_REF,
  StatusAccountFreshness,
  StatusAlert,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import { CallerView } from './CallerAccess';

/**
 * An alert as one caller may see it: the entities it maps to, and the
 * candidates of an unmatched one, without those the caller may not read.
 */
export function alertForCaller(
  alert: StatusAlert,
  view: CallerView,
): StatusAlert {
  return {
    ...alert,
    entityRefs: alert.entityRefs.filter(ref => view.has(ref)),
    ...(alert.candidates
      ? { candidates: alert.candidates.filter(ref => view.has(ref)) }
      : {}),
  };
}

/** Says where details were left out. */
const DETAILS_HIDDEN = 'details for status admins';

/**
 * Why a channel failed, in words that name no URL, ID or payload: error
 * texts can quote PagerDuty paths, IDs and a tool's answer, which only
 * holders of `status.admin` see.
 */
export function publicReason(error: string, subject = 'PagerDuty'): string {
  const status = /\banswered (\d{3})\b/.exec(error)?.[1];
  let reason: string;
  if (/budget of \d+ PagerDuty requests/.test(error)) {
    reason = `the sync's budget of ${subject} requests was spent before this part; a later sync reads it first`;
  } else if (/rate limit|\b429\b/i.test(error)) {
    reason = `${subject}'s rate limit was reached`;
  } else if (status) {
    reason = `${subject} answered HTTP ${status}`;
  } else if (/time ran out|timed? ?out|deadline/i.test(error)) {
    reason = `${subject} did not answer in time`;
  } else if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|socket|network/i.test(
      error,
    )
  ) {
    reason = `${subject} could not be reached`;
  } else {
    reason = `${subject} could not be read`;
  }
  return `${reason} (${DETAILS_HIDDEN})`;
}

export function partForCaller(
  part: StatusPartFreshness,
  view: CallerView,
): StatusPartFreshness {
  // a skip's reason names only which part failed: everyone may read it
  if (view.admin || !part.lastError || part.skipped) return part;
  return { ...part, lastError: publicReason(part.lastError) };
}

/** An account's freshness with error details only for status admins. */
export function accountFreshnessForCaller(
  freshness: StatusAccountFreshness,
  view: CallerView,
): StatusAccountFreshness {
  if (view.admin) return freshness;
  return {
    ...freshness,
    lastError: freshness.lastError && publicReason(freshness.lastError),
    parts: freshness.parts.map(p => partForCaller(p, view)),
  };
}

/** A monitoring tool's current problem, with details only for status admins. */
export function sourceProblemForCaller(
  problem: string | null,
  view: CallerView,
): string | null {
  if (!problem || view.admin) return problem;
  return `Its alerts are being refused (${DETAILS_HIDDEN})`;
}

/** A dependency path with every entity the caller may not read masked. */
export const pathForCaller = (path: string[], view: CallerView): string[] =>
  path.map(p => (view.has(p) ? p : HIDDEN_ENTITY_REF));
