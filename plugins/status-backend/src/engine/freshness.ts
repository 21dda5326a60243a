import {
  PAGERDUTY_DATA_PARTS,
  PagerDutyDataPart,
  pagerDutySourceName,
  StatusAccountFreshness,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import { SourceFreshness } from '../database';

/** When data counts as stale. */
export type FreshnessRules = {
  now: Date;
  /** How often the sync runs (60 s by default). */
  syncIntervalMs?: number;
  /**
   * Stale after this many failed syncs in a row, or when the last success is
   * older than this many sync intervals and one more (3 by default).
   */
  staleAfterMissedSyncs?: number;
};

const iso = (date?: Date) => date?.toISOString() ?? null;

/**
 * How fresh one part of an account's data is, as the poll left it: stale when
 * never read, after too many failed syncs in a row, when its last success is
 * too old (the sync itself stopped), or at once when the last sync left it
 * out because a part it needs failed.
 */
export function partFreshness(
  sources: SourceFreshness[],
  account: string,
  part: PagerDutyDataPart,
  rules: FreshnessRules,
): StatusPartFreshness {
  const source = sources.find(
    s => s.source === pagerDutySourceName(account, part),
  );
  const syncIntervalMs = rules.syncIntervalMs ?? 60_000;
  const missed = rules.staleAfterMissedSyncs ?? 3;
  const ageMs = source?.lastSuccessAt
    ? rules.now.getTime() - source.lastSuccessAt.getTime()
    : 0;
  const tooOld = ageMs > (missed + 1) * syncIntervalMs;
  const stale =
    !source?.lastSuccessAt || source.consecutiveFailures >= missed || tooOld;
  // a read that hangs has not failed yet: say why the data is stale anyway
  const lastError =
    source?.lastError ??
    (tooOld
      ? `No read has succeeded for ${Math.round(
          ageMs / 1000,
        )} s (one is due every ${Math.round(
          syncIntervalMs / 1000,
        )} s): PagerDuty has not answered, or the sync has stopped`
      : null);
  const freshness: StatusPartFreshness = {
    part,
    lastSuccessAt: iso(source?.lastSuccessAt),
    lastAttemptAt: iso(source?.lastAttemptAt),
    lastError,
    failingSince: iso(source?.failingSince),
    stale,
  };
  // left out: whatever its age, nothing says it is still true
  if (source?.skippedBecause) {
    return {
      ...freshness,
      lastError: source.skippedBecause,
      stale: true,
      skipped: true,
    };
  }
  return freshness;
}

/**
 * How fresh one PagerDuty account's data is: every part of the poll, the
 * incidents (which levels rest on) in front, and the last webhook received,
 * which never makes the poll's data fresh.
 */
export function accountFreshness(
  sources: SourceFreshness[],
  account: string,
  rules: FreshnessRules,
): StatusAccountFreshness {
  const parts = PAGERDUTY_DATA_PARTS.map(part =>
    partFreshness(sources, account, part, rules),
  );
  const incidents = parts.find(p => p.part === 'incidents')!;
  const webhooks = sources.find(
    s => s.source === pagerDutySourceName(account, 'webhooks'),
  );
  return {
    account,
    waiting: !incidents.lastSuccessAt,
    lastSuccessAt: incidents.lastSuccessAt,
    lastAttemptAt: incidents.lastAttemptAt,
    lastError: incidents.lastError,
    lastWebhookAt: iso(webhooks?.lastSuccessAt),
    stale: incidents.stale,
    parts,
  };
}

/**
 * How fresh all accounts are together: `stale` and `lastSuccessAt` speak for
 * the stalest account, so one failing account is never hidden.
 */
export function overallFreshness(accounts: StatusAccountFreshness[]) {
  const oldest = accounts
    .map(a => a.lastSuccessAt)
    .sort((a, b) => (a ? Date.parse(a) : 0) - (b ? Date.parse(b) : 0))[0];
  return {
    accounts,
    stale: accounts.some(a => a.stale),
    lastSuccessAt: oldest ?? null,
  };
}
