import { HealthGraph, LevelChange } from '@status-layer/plugin-status-common';
import { RecordedLevels, StatusStore } from '../database';

/**
 * Records level changes in the store's history, each with what explains it,
 * compared with the levels last recorded: after a restart the graph starts
 * empty, and recomputing an outage that was already recorded is no new
 * transition.
 */
export class TransitionRecorder {
  /** Levels as last recorded in the store. */
  private recorded?: Map<string, RecordedLevels>;

  constructor(
    private readonly store: StatusStore,
    private readonly graph: HealthGraph,
    private readonly now: () => Date,
  ) {}

  /**
   * Reads the last recorded levels once, before the first changes are
   * recorded, and marks the history as observed from now on (kept when an
   * earlier start is already recorded).
   */
  async load(): Promise<void> {
    if (this.recorded) return;
    this.recorded = await this.store.lastLevels();
    await this.store.markObservedSince(this.now());
  }

  /**
   * Records the changes that differ from the levels last recorded: after a
   * restart the graph starts empty, and recomputing an outage that was
   * already recorded is no new transition.
   */
  async record(changes: LevelChange[]): Promise<void> {
    const recorded = (this.recorded ??= new Map<string, RecordedLevels>());
    const transitions = [];
    const at = this.now();
    for (const change of changes) {
      // an entity never recorded was operational (or not monitored)
      const last = recorded.get(change.ref) ?? {
        own: undefined,
        effective: 'operational',
      };
      const sameOwn =
        (last.own ?? 'operational') === (change.to.own ?? 'operational');
      if (last.effective === change.to.effective && sameOwn) continue;
      recorded.set(change.ref, {
        own: change.to.own,
        effective: change.to.effective,
      });
      transitions.push({
        entityRef: change.ref,
        ownFrom: last.own,
        ownTo: change.to.own,
        effectiveFrom: last.effective,
        effectiveTo: change.to.effective,
        at,
        reason: {
          signals: this.graph.ownHealth(change.ref).reasons.map(r => ({
            id: r.signal.id,
            title: r.signal.title,
            level: r.level,
          })),
          rootCauses: this.graph
            .rootCauses(change.ref)
            .map(c => ({ root: c.root, level: c.level, path: c.path })),
        },
      });
    }
    if (transitions.length) await this.store.recordTransitions(transitions);
  }
}
