import { HealthGraph } from '@status-layer/plugin-status-common';
import { AlertIndex } from './AlertIndex';
import { CatalogIndex } from './CatalogIndex';
import { ChangeLog } from './ChangeLog';
import { TransitionRecorder } from './TransitionRecorder';

/**
 * The state the engine's catalog reads and signal refreshes change, shared
 * by both: the maps and sets are changed in place.
 *
 * @internal
 */
export type EngineState = {
  graph: HealthGraph;
  entities: CatalogIndex;
  alerts: AlertIndex;
  changeLog: ChangeLog;
  transitions: TransitionRecorder;
  /** What each entity's own health was computed from; a forgotten one is computed again. */
  ownSignatures: Map<string, string>;
  /** Entities whose own health the next refresh looks at again, whatever else changed. */
  pendingChecks: Set<string>;
};
