/**
 * The entities a reader may read: a set of refs, or the catalog as last
 * read for a reader the catalog lets read everything.
 *
 * @internal
 */
export type Readable = { has(ref: string): boolean };
