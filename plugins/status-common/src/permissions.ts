import { createPermission } from '@backstage/plugin-permission-common';

/**
 * May see the details of what goes wrong behind the status: why PagerDuty or
 * a monitoring tool could not be read (errors can name PagerDuty URLs and
 * IDs) and the firing alerts that match no entity. Entity statuses
 * themselves follow `catalog.entity.read`, never this permission.
 *
 * @public
 */
export const statusAdminPermission = createPermission({
  name: 'status.admin',
  attributes: { action: 'read' },
});

/**
 * May map a PagerDuty service to a catalog entity in the portal, and remove
 * such a mapping, for the entities the caller may read. An entity whose own
 * YAML names its service cannot be mapped: the YAML always wins.
 *
 * @public
 */
export const statusMappingWritePermission = createPermission({
  name: 'status.mapping.write',
  attributes: { action: 'update' },
});

/**
 * May report a problem with an entity from the portal: add the report to
 * the entity's open PagerDuty incident as a note, or open one (which pages
 * its on-call). Only for entities the caller may read, as the reporter of
 * an entity of their own that the caller may read too.
 *
 * @public
 */
export const statusIncidentCreatePermission = createPermission({
  name: 'status.incident.create',
  attributes: { action: 'create' },
});

/**
 * Every permission the status plugins define.
 *
 * @public
 */
export const statusPermissions = [
  statusAdminPermission,
  statusMappingWritePermission,
  statusIncidentCreatePermission,
];
