import { Knex } from 'knex';
import { toDate } from '@status-layer/plugin-status-common';
import { batches } from './batches';
import {
  RecordedLevels,
  StatusTransition,
  TransitionWindow,
  WindowTransitions,
} from './types';

/* Level transitions: appended as levels change, read per entity and latest. */

const CHUNK = 50;

const toTransition = (r: any): StatusTransition => ({
  entityRef: r.entity_ref,
  ownFrom: r.own_from ?? undefined,
  ownTo: r.own_to ?? undefined,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  at: toDate(r.at)!,
  reason: r.reason ? JSON.parse(r.reason) : undefined,
});

const orNull = <T>(value: T | undefined): T | null =>
  value === undefined ? null : value;

export async function insertTransitions(
  db: Knex,
  transitions: StatusTransition[],
): Promise<void> {
  for (const batch of batches(transitions, CHUNK)) {
    await db('status_transitions').insert(
      batch.map(t => ({
        entity_ref: t.entityRef,
        own_from: orNull(t.ownFrom),
        own_to: orNull(t.ownTo),
        effective_from: t.effectiveFrom,
        effective_to: t.effectiveTo,
        at: t.at,
        reason: t.reason === undefined ? null : JSON.stringify(t.reason),
      })),
    );
  }
}

export async function selectTransitions(
  db: Knex,
  entityRef: string,
  options: { since?: Date; limit?: number } = {},
): Promise<StatusTransition[]> {
  const rows = await db('status_transitions')
    .where({ entity_ref: entityRef })
    .modify(q => {
      if (options.since) q.where('at', '>=', options.since);
    })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(options.limit ?? 100);
  return rows.map(toTransition);
}

export async function selectLastLevels(
  db: Knex,
): Promise<Map<string, RecordedLevels>> {
  // the newest row per entity: the highest id, as rows are only appended
  const latest = db('status_transitions')
    .max({ id: 'id' })
    .groupBy('entity_ref');
  const rows = await db('status_transitions')
    .whereIn('id', latest)
    .select('entity_ref', 'own_to', 'effective_to');
  return new Map(
    rows.map((r: any) => [
      r.entity_ref,
      { own: r.own_to ?? undefined, effective: r.effective_to },
    ]),
  );
}

/**
 * An entity's transitions from `since` on, oldest first (at most `limit`),
 * with the last one before `since`, which sets the level at `since`.
 */
export async function selectHistory(
  db: Knex,
  entityRef: string,
  options: TransitionWindow,
): Promise<WindowTransitions> {
  const [before] = await db('status_transitions')
    .where({ entity_ref: entityRef })
    .where('at', '<', options.since)
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(1);
  const rows = await db('status_transitions')
    .where({ entity_ref: entityRef })
    .where('at', '>=', options.since)
    .modify(q => {
      if (options.until) q.where('at', '<', options.until);
    })
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(options.limit + 1);
  return {
    before: before ? toTransition(before) : undefined,
    transitions: rows.slice(0, options.limit).map(toTransition),
    truncated: rows.length > options.limit,
  };
}

/** Deletes transitions older than `before`, except each entity's latest (it holds its level). */
export async function deleteTransitionsBefore(
  db: Knex,
  before: Date,
): Promise<number> {
  const latest = db('status_transitions')
    .max({ id: 'id' })
    .groupBy('entity_ref');
  return db('status_transitions')
    .where('at', '<', before)
    .whereNotIn('id', latest)
    .delete();
}

/**
 * Several entities' transitions from `since` on, oldest first, each with its
 * last one before `since`; at most `limit` in all (then `truncated`).
 */
export async function selectHistories(
  db: Knex,
  entityRefs: string[],
  options: { since: Date; until?: Date; limit: number },
): Promise<{
  byEntity: Map<string, StatusTransition[]>;
  truncated: boolean;
}> {
  const byEntity = new Map<string, StatusTransition[]>(
    entityRefs.map(ref => [ref, []]),
  );
  let read = 0;
  let truncated = false;
  for (const batch of batches(entityRefs, 500)) {
    const latestBefore = db('status_transitions')
      .whereIn('entity_ref', batch)
      .where('at', '<', options.since)
      .max({ id: 'id' })
      .groupBy('entity_ref');
    const befores = await db('status_transitions').whereIn('id', latestBefore);
    const rows = await db('status_transitions')
      .whereIn('entity_ref', batch)
      .where('at', '>=', options.since)
      .modify(q => {
        if (options.until) q.where('at', '<=', options.until);
      })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit - read + 1);
    if (rows.length > options.limit - read) {
      truncated = true;
      rows.length = options.limit - read;
    }
    read += rows.length;
    for (const row of [...befores, ...rows])
      byEntity.get(row.entity_ref)?.push(toTransition(row));
    if (truncated) break;
  }
  return { byEntity, truncated };
}
