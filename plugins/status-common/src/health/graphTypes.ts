import { HealthLevel, OutageLevel } from './levels';

/**
 * `dependent` needs `upstream`: from `spec.dependsOn`, or from `consumesApis`
 * through to the API's providers.
 *
 * @public
 */
export type DependencyEdge = {
  dependent: string;
  upstream: string;
  /** Marked critical by the dependent: the upstream's outage passes unchanged. */
  critical: boolean;
  /**
   * Known from PagerDuty's service graph, not the catalog (with
   * `status.graph.pagerDutyDependencies: use`): paths over it say so.
   */
  source?: 'pagerduty';
};

/**
 * An upstream entity whose own signals explain (part of) an entity's
 * inherited level, with the dependency path from the entity to it.
 *
 * @public
 */
export type RootCause = {
  root: string;
  /** The level this root cause passes to the entity. */
  level: OutageLevel;
  /** Entity refs from the impacted entity to the root cause, both included. */
  path: string[];
  /**
   * The hops known only from PagerDuty: `i` for the hop from `path[i]` to
   * `path[i + 1]`. Absent when every hop is in the catalog.
   */
  pagerDutyHops?: number[];
};

/**
 * The levels of one entity.
 *
 * @public
 */
export type EntityLevels = {
  /** From its own signals; undefined when it is not monitored. */
  own: HealthLevel | undefined;
  /** From its upstreams. */
  inherited: OutageLevel;
  /** The worst of own and inherited. */
  effective: HealthLevel;
};

/**
 * A change of an entity's levels, as recorded in its status history.
 *
 * @public
 */
export type LevelChange = { ref: string; from: EntityLevels; to: EntityLevels };

/**
 * A node of an entity's upstream tree.
 *
 * @public
 */
export type UpstreamNode = {
  ref: string;
  critical: boolean;
  levels: EntityLevels;
  upstreams: UpstreamNode[];
  /** The depth limit cut the tree here: this node has upstreams not listed. */
  truncated?: boolean;
  /** This node is already on the path from the root: a dependency cycle. */
  cycle?: boolean;
  /** The edge to this node is known only from PagerDuty. */
  fromPagerDuty?: boolean;
};
