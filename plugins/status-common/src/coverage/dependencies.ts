/**
 * Whether PagerDuty's service graph takes part in health: `suggest` (the
 * default) only lists what it knows that the catalog lacks, `use` also
 * passes impact over those edges, `off` does not read it.
 *
 * @public
 */
export type PagerDutyDependenciesMode = 'suggest' | 'use' | 'off';

/**
 * One dependency known on one side only: `dependent` needs `upstream`.
 *
 * @public
 */
export type StatusDependencyGap = {
  dependent: string;
  upstream: string;
};

/**
 * `GET /coverage/dependencies`: where PagerDuty's service graph and the
 * catalog's `dependsOn` disagree, as far as the caller may read both ends of
 * an edge (an edge with a hidden end is left out, never counted).
 *
 * @public
 */
export type StatusDependencyCoverage = {
  mode: PagerDutyDependenciesMode;
  /** Dependencies PagerDuty knows that the catalog never recorded. */
  pagerDutyOnly: StatusDependencyGap[];
  /** Catalog dependencies between two PagerDuty-mapped entities that PagerDuty lacks. */
  catalogOnly: StatusDependencyGap[];
  /** More gaps exist than the answer's bound: the lists are cut. */
  truncated: boolean;
};
