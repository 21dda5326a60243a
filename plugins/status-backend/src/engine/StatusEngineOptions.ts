import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AlertSourceMatcher } from '@status-layer/plugin-status-node';
import { HealthRules, LevelChange } from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { PagerDutyDependencies } from './pagerDutyDependencies';

/**
 * What the status engine reads from, whom it tells of changes, and the rules
 * it applies.
 *
 * @internal
 */
export type StatusEngineOptions = {
  catalog: CatalogService;
  auth: AuthService;
  store: StatusStore;
  logger: LoggerService;
  /** The configured PagerDuty accounts, by name. */
  accounts: string[];
  /** Alert sources' names for people, by id. */
  alertSourceTitles?: Map<string, string>;
  /** Each alert source's annotation matcher, by source id. */
  alertMatchers?: ReadonlyMap<string, AlertSourceMatcher>;
  /** After how long without a resend a firing alert of a source may have ended. */
  alertStaleAfterMs?: (source: string) => number | undefined;
  /** Called with the entities whose levels changed in a refresh. */
  onChanges?: (changes: LevelChange[]) => void;
  /** Called after a catalog read that changed something (who may read what may have changed). */
  onCatalogChange?: () => void;
  rules?: HealthRules;
  /** How often the sync runs (60 s by default). */
  syncIntervalMs?: number;
  /**
   * A part of the PagerDuty data is stale after this many failed syncs
   * in a row, or when its last success is older than this many sync
   * intervals and one more (3 by default).
   */
  staleAfterMissedSyncs?: number;
  /** PagerDuty's service graph, compared with the catalog's and, with `use`, part of it. */
  pagerDutyDependencies?: PagerDutyDependencies;
  now?: () => Date;
};
