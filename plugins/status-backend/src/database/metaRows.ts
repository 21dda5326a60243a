import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/** Writes one `status_meta` row, replacing its value. */
export async function setMeta(db: Knex, key: string, value: string) {
  await db('status_meta')
    .insert({ key, value, updated_at: new Date() })
    .onConflict('key')
    .merge(['value', 'updated_at']);
}

/**
 * Gives a version row a new random token: readers that keep what they built
 * from some rows compare the token with the one they built at, on any
 * replica, without reading the rows again.
 */
export function bumpVersion(db: Knex, key: string): Promise<void> {
  return setMeta(db, key, randomUUID());
}

/** The version tokens whose keys start with `prefix`, by the rest of their keys. */
export async function readVersions(
  db: Knex,
  prefix: string,
): Promise<Map<string, string>> {
  const rows = await db('status_meta')
    .where('key', 'like', `${prefix}%`)
    .select('key', 'value');
  return new Map(rows.map(r => [r.key.slice(prefix.length), r.value]));
}
