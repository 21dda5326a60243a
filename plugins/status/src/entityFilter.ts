import { Entity } from '@backstage/catalog-model';
import { isRollupKind as isRollupEntityKind } from '@status-layer/plugin-status-common';

const SERVICE_KINDS = ['component', 'resource', 'api'];

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/**
 * Whether an entity page gets a Status tab and card: Components, Resources and
 * APIs (their own status), Systems, Domains and Groups (a roll-up).
 *
 * @public
 */
export function isStatusAvailable(entity: Entity): boolean {
  return SERVICE_KINDS.includes(kindOf(entity)) || isRollupKind(entity);
}

/**
 * Whether an entity's status is the roll-up of its members: Systems (their
 * parts), Domains (their Systems) and Groups (what they own).
 *
 * @public
 */
export function isRollupKind(entity: Entity): boolean {
  return isRollupEntityKind(entity.kind);
}
