import { displayLevel, EntityStatus } from '@status-layer/plugin-status-common';
import { DisplayLevel } from './levels';

/** The level shown for an entity: "not monitored" or "misconfigured" rather than an operational it cannot vouch for. */
export function entityDisplayLevel(status: EntityStatus): DisplayLevel {
  return displayLevel({
    monitored: status.monitored,
    effective: status.levels.effective,
    misconfigured: status.problems.length > 0,
  });
}
