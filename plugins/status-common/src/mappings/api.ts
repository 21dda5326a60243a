/**
 * Set on an entity whose `pagerduty.com/service-id` (and `pagerduty.com/account`)
 * came from a mapping made in the portal rather than from its own
 * `catalog-info.yaml`. Its value is {@link PORTAL_MAPPING_SOURCE}.
 *
 * @remarks
 * Added by `@status-layer/plugin-catalog-backend-module-status`; the status
 * backend reads it to tell a portal mapping (which it may change) from a YAML
 * one (which always wins).
 *
 * @public
 */
export const PAGERDUTY_MAPPING_ANNOTATION = 'status-layer.io/pagerduty-mapping';

/**
 * The value of {@link PAGERDUTY_MAPPING_ANNOTATION} on a mapped entity.
 *
 * @public
 */
export const PORTAL_MAPPING_SOURCE = 'portal';

/**
 * The events topic on which the status backend says that a mapping was set or
 * removed, so that the catalog module reads the mappings again before the
 * entity's refresh instead of waiting for its cache to expire.
 *
 * @public
 */
export const SERVICE_MAPPINGS_CHANGED_TOPIC = 'status.service-mappings-changed';

/**
 * A PagerDuty service mapped to a catalog entity in the portal, without
 * editing the entity's YAML.
 *
 * @public
 */
export type ServiceMapping = {
  /** The entity, as a full lower-case entity ref (`component:default/checkout`). */
  entityRef: string;
  /** The PagerDuty account, by its name under `status.pagerDuty.accounts` (`default` for the default one). */
  account: string;
  /** The PagerDuty service ID, e.g. `PABC123`. */
  serviceId: string;
  /** Who mapped it: a user entity ref, or the service that did. */
  createdBy: string;
  /** When, ISO 8601. */
  createdAt: string;
};

/**
 * `GET /mappings`: the mappings the caller may read (every mapping for a
 * backend service such as the catalog).
 *
 * @public
 */
export type ServiceMappingList = {
  items: ServiceMapping[];
};

/**
 * `PUT /mappings`: the body that maps a PagerDuty service to an entity.
 *
 * @public
 */
export type ServiceMappingRequest = {
  entityRef: string;
  serviceId: string;
  /** The PagerDuty account; the default account when left out. */
  account?: string;
};

/**
 * `PUT /mappings`: the mapping as stored.
 *
 * @public
 */
export type ServiceMappingResponse = {
  mapping: ServiceMapping;
};
