import { Knex } from 'knex';
import { toDate } from '@status-layer/plugin-status-common';
import { batches } from './batches';
import { RecordedLevels, StatusTransition } from './types';

/* Level transitions: appended as levels change, read per entity and latest. */

const CHUNK = 50;
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
  return rows.map((r: any) => ({
    entityRef: r.entity_ref,
    ownFrom: r.own_from ?? undefined,
    ownTo: r.own_to ?? undefined,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    at: toDate(r.at)!,
    reason: r.reason ? JSON.parse(r.reason) : undefined,
  }));
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
