import { Knex } from 'knex';
import { toDate } from '@status-layer/plugin-status-common';
import { SourceAttempt, SourceFreshness } from './types';

/*
 * The freshness of each source (a part of a PagerDuty account, a monitoring
 * tool): its last attempt, last success, the run of failures since, and why
 * the last sync left it out, if it did.
 */

export async function upsertSourceAttempt(
  db: Knex,
  source: string,
  attempt: SourceAttempt,
): Promise<void> {
  if ('skipped' in attempt) {
    // not an attempt: the last one, its error and the run of failures stay
    await db('status_sources')
      .insert({ source, skipped_because: attempt.skipped })
      .onConflict('source')
      .merge(['skipped_because']);
    return;
  }
  if (attempt.ok) {
    const row = {
      source,
      last_attempt_at: attempt.at,
      last_success_at: attempt.at,
      last_success_via: attempt.via,
      last_error: null,
      failing_since: null,
      consecutive_failures: 0,
      skipped_because: null,
    };
    await db('status_sources')
      .insert(row)
      .onConflict('source')
      .merge(Object.keys(row).filter(k => k !== 'source'));
    return;
  }
  await db('status_sources')
    .insert({
      source,
      last_attempt_at: attempt.at,
      last_error: attempt.error,
      failing_since: attempt.at,
      consecutive_failures: 1,
    })
    .onConflict('source')
    .merge({
      last_attempt_at: attempt.at,
      last_error: attempt.error,
      skipped_because: null,
      // the run of failures began at its first
      failing_since: db.raw(
        'COALESCE(status_sources.failing_since, excluded.failing_since)',
      ),
      consecutive_failures: db.raw('status_sources.consecutive_failures + 1'),
    });
}

export async function selectSources(db: Knex): Promise<SourceFreshness[]> {
  const rows = await db('status_sources').orderBy('source');
  return rows.map((r: any) => ({
    source: r.source,
    lastAttemptAt: toDate(r.last_attempt_at),
    lastSuccessAt: toDate(r.last_success_at),
    lastSuccessVia: r.last_success_via ?? undefined,
    lastError: r.last_error ?? undefined,
    failingSince: toDate(r.failing_since),
    consecutiveFailures: Number(r.consecutive_failures ?? 0),
    skippedBecause: r.skipped_because ?? undefined,
  }));
}
