/** Versions whose touched entities are remembered, for readers that follow changes. */
const VERSIONS_KEPT = 64;

/**
 * The engine's state versions and, for the recent ones, the entities each
 * touched, so that what is built from the whole state (the summaries) can
 * follow the changes instead of being built again.
 *
 * @internal
 */
export class ChangeLog {
  private current = 0;
  private readonly entries: { version: number; refs?: Set<string> }[] = [];

  get version(): number {
    return this.current;
  }

  /** A new version, touching these entities (undefined: any of them). */
  record(refs: Set<string> | undefined): void {
    this.current += 1;
    this.entries.push({ version: this.current, refs });
    if (this.entries.length > VERSIONS_KEPT) this.entries.shift();
  }

  /**
   * The entities touched since `version`; undefined when that is not known
   * (a version touched any, or `version` is older than those kept).
   */
  changedSince(version: number): ReadonlySet<string> | undefined {
    if (version === this.current) return new Set();
    const since = this.entries.filter(entry => entry.version > version);
    if (since.length !== this.current - version) return undefined;
    const refs = new Set<string>();
    for (const entry of since) {
      if (!entry.refs) return undefined;
      for (const ref of entry.refs) refs.add(ref);
    }
    return refs;
  }
}
