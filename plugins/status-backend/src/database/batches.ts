/**
 * The items in consecutive batches of at most `size`: one statement per
 * batch keeps inserts under the databases' bound-parameter limits (SQLite's
 * 32,766, PostgreSQL's 65,535) and `IN (...)` lists short.
 */
export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size)
    yield items.slice(start, start + size);
}
