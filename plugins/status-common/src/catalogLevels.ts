import type { StatusBudgetSummary } from './summary/api';
import { HealthLevel } from './health';

/**
 * The most entities one `GET /levels` answers for: a catalog table page or a
 * graph holds far fewer.
 *
 * @public
 */
export const MAX_LEVELS_PER_REQUEST = 200;

/**
 * The levels of some entities, as `GET /levels?entityRef=…` returns them for
 * the catalog's table and graph: only entities the reader may see and the
 * status layer knows; the others are left out.
 *
 * @public
 */
export type StatusEntityLevels = {
  levels: {
    entityRef: string;
    /** From its own signals; absent when it has none. */
    own?: HealthLevel;
    /** With its upstreams. */
    effective: HealthLevel;
    /** Whether the effective level comes from an upstream, not its own signals. */
    inherited: boolean;
    /** Its configuration has a problem: shown as misconfigured while nothing worse holds. */
    misconfigured?: boolean;
    /** Its error budget as last computed, when it has an objective. */
    budget?: StatusBudgetSummary;
  }[];
};
