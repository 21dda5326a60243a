import {
  DEFAULT_PAGERDUTY_ACCOUNT,
  PAGERDUTY_ACCOUNT_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
} from '../annotations';

/**
 * The lifecycle the coverage counts as production (`spec.lifecycle`).
 *
 * @public
 */
export const PRODUCTION_LIFECYCLE = 'production';

/**
 * How much `GET /coverage` lists at most of each part; the counts always
 * cover everything the caller may read.
 *
 * @public
 */
export const COVERAGE_LIMITS = {
  /** Components per page: by default, and at most. */
  components: { defaultLimit: 200, maxLimit: 1000 },
  /** Rows per grouping (Domain, System, owner), most unmonitored first. */
  groups: 300,
  /** PagerDuty services no entity names. */
  unreferencedServices: 200,
  /** Annotations naming services PagerDuty does not have. */
  unknownServices: 200,
  /** Services named by several entities. */
  sharedServices: 200,
  /** Likely entities per unreferenced service. */
  suggestions: 3,
} as const;

/**
 * The value of the Domain, System and owner filters of `GET /coverage` that
 * selects components with none (or none the caller may read).
 *
 * @public
 */
export const COVERAGE_NO_GROUP = 'none';

/**
 * Which components `GET /coverage` lists; every field optional.
 *
 * @public
 */
export type StatusCoverageQuery = {
  /** Words in the entity ref or title. */
  q?: string;
  /**
   * Only components of this Domain (through their System), System or owner
   * (entity refs), or with none: {@link COVERAGE_NO_GROUP}.
   */
  domain?: string;
  system?: string;
  owner?: string;
  /** Only monitored components (`yes`) or only those not monitored (`no`). */
  monitored?: 'yes' | 'no';
  /** Only this `spec.lifecycle`, e.g. `production`; every lifecycle when absent. */
  lifecycle?: string;
  offset?: number;
  limit?: number;
};

/**
 * What watches a component.
 *
 * @public
 */
export type CoverageSource = 'pagerduty' | 'alerts';

/**
 * Where a component's PagerDuty service comes from: mapped in the portal
 * (stored by the status plugin, applied by the catalog), or written in its
 * `catalog-info.yaml`.
 *
 * @public
 */
export type CoverageMappedBy = 'portal' | 'catalog-info.yaml';

/**
 * One component and what watches it.
 *
 * @public
 */
export type CoverageComponent = {
  entityRef: string;
  title?: string;
  lifecycle?: string;
  /** `spec.lifecycle` is `production`. */
  production: boolean;
  /** Its owner, System and Domain, each only when the caller may read it. */
  owner?: string;
  system?: string;
  domain?: string;
  /** What watches it; empty when it is not monitored. */
  monitoredBy: CoverageSource[];
  /** The PagerDuty services its annotations name. */
  pagerDuty?: {
    account: string;
    serviceIds: string[];
    mappedBy: CoverageMappedBy;
  };
  /** A mapping stored in the portal that the catalog has not applied yet. */
  pendingMapping?: { account: string; serviceId: string };
  /** How many entities the caller may read depend on it directly. */
  dependents: number;
  /** Its configuration has a problem (see the entity's status). */
  misconfigured: boolean;
};

/**
 * Why an entity is suggested for a PagerDuty service, as data the page
 * words: its name is like the service's; the service's team is its owner;
 * the service's escalation policy is named like it or its owner.
 *
 * @public
 */
export type CoverageReason =
  | { kind: 'name' }
  | { kind: 'team'; team: string }
  | { kind: 'escalation_policy'; policy: string };

/**
 * An entity a PagerDuty service likely belongs to.
 *
 * @public
 */
export type CoverageSuggestion = {
  entityRef: string;
  reasons: CoverageReason[];
};

/**
 * A PagerDuty service that no entity's annotations name.
 *
 * @public
 */
export type CoverageUnreferencedService = {
  account: string;
  serviceId: string;
  name: string;
  htmlUrl?: string;
  escalationPolicy?: string;
  teams: string[];
  /** The lines to add to an entity's annotations to map it. */
  annotation: string[];
  suggestions: CoverageSuggestion[];
};

/**
 * An annotation naming a PagerDuty service that cannot be read: the account
 * is not configured, or PagerDuty has no such service.
 *
 * @public
 */
export type CoverageUnknownService = {
  entityRef: string;
  account: string;
  serviceId: string;
  reason: 'unknown_account' | 'unknown_service';
};

/**
 * A PagerDuty service several entities name (those the caller may read).
 *
 * @public
 */
export type CoverageSharedService = {
  account: string;
  serviceId: string;
  name?: string;
  entityRefs: string[];
};

/**
 * How many production components of a Domain, System or owner are
 * monitored; `entityRef` null for those with none the caller may read.
 *
 * @public
 */
export type CoverageGroupCount = {
  entityRef: string | null;
  production: number;
  monitored: number;
};

/**
 * A list cut to a bound: what is listed, and how many there are in all.
 *
 * @public
 */
export type CoverageList<T> = { items: T[]; total: number };

/**
 * `GET /coverage`: which components are monitored, and what would make the
 * rest so, over what the caller may read.
 *
 * @public
 */
export type StatusCoverage = {
  /** The caller may map services in the portal (`status.mapping.write`). */
  canMap: boolean;
  /** Over every component the caller may read. */
  totals: { components: number; production: number; monitored: number };
  /** Production components per Domain, System and owner, most unmonitored first. */
  groups: {
    domain: CoverageList<CoverageGroupCount>;
    system: CoverageList<CoverageGroupCount>;
    owner: CoverageList<CoverageGroupCount>;
  };
  /** The lifecycles seen, for the filter. */
  lifecycles: string[];
  /** A page of the components the query selects, most dependents first. */
  components: CoverageList<CoverageComponent> & {
    offset: number;
    limit: number;
  };
  unreferencedServices: CoverageList<CoverageUnreferencedService>;
  unknownServices: CoverageList<CoverageUnknownService>;
  sharedServices: CoverageList<CoverageSharedService>;
};

/**
 * The annotation lines that map an entity to a PagerDuty service, as they go
 * into `catalog-info.yaml`: the account's line only when it is not the
 * default account.
 *
 * @public
 */
export function pagerDutyAnnotationLines(
  serviceId: string,
  account: string = DEFAULT_PAGERDUTY_ACCOUNT,
): string[] {
  return [
    `${PAGERDUTY_SERVICE_ID_ANNOTATION}: ${serviceId}`,
    ...(account === DEFAULT_PAGERDUTY_ACCOUNT
      ? []
      : [`${PAGERDUTY_ACCOUNT_ANNOTATION}: ${account}`]),
  ];
}
