import { CallerView } from '../service/CallerAccess';

/**
 * A caller who may read exactly these entities, for tests of the views
 * (the HTTP tests get theirs from the catalog and a real policy).
 */
export function callerView(refs: Iterable<string>, admin = false): CallerView {
  const readable = new Set(refs);
  return { has: ref => readable.has(ref), admin };
}
