import { Entity } from '@backstage/catalog-model';

const KINDS_WITH_STATUS = ['component', 'resource', 'system'];

/**
 * Whether an entity page gets a Status tab: Components, Resources and Systems.
 *
 * @public
 */
export function isStatusAvailable(entity: Entity): boolean {
  return KINDS_WITH_STATUS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
