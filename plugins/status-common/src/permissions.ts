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
 * Every permission the status plugins define.
 *
 * @public
 */
export const statusPermissions = [statusAdminPermission];
