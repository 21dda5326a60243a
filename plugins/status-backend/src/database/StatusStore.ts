/**
 * Persistence of the status plugin.
 *
 * @public
 */
export interface StatusStore {
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Reads a fact about the store, or undefined when it was never written. */
  getMeta(key: string): Promise<{ value: string; updatedAt: Date } | undefined>;
  /** Writes a fact about the store, replacing any earlier value. */
  setMeta(key: string, value: string): Promise<void>;
}
