import { useEntity } from '@backstage/plugin-catalog-react';
import { isRollupKind } from '../entityFilter';
import { EntityStatusTab } from './EntityStatusTab';
import { EntityStatusCard } from './EntityStatusCard';
import { RollupCard, RollupContent } from './Rollup';

/**
 * The Status tab: a service's own view for Components, Resources and APIs; the
 * roll-up of its members for Systems, Domains and Groups.
 */
export function StatusContent() {
  const { entity } = useEntity();
  return isRollupKind(entity) ? <RollupContent /> : <EntityStatusTab />;
}

/**
 * The Status card of the overview tab, matching the Status tab.
 */
export function StatusCard() {
  const { entity } = useEntity();
  return isRollupKind(entity) ? <RollupCard /> : <EntityStatusCard />;
}
