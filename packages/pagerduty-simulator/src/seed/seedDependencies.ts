import { DependencyEnd } from '../model';
import { Random } from '../random';
import { AccountState } from '../state';
import { CatalogSeed } from './readCatalog';

/**
 * Fills the account's service graph from the catalog seed: a technical
 * dependency per `dependencies` edge whose two services the account has, and
 * the business services with the technical services supporting each. Its
 * own random stream, so the rest of the seeded account (IDs, history) is
 * the same with or without a graph.
 */
export function seedDependencies(
  state: AccountState,
  catalog: CatalogSeed,
  seed: number,
): void {
  const random = new Random(seed ^ 0x2545f491);
  const byEntity = new Map(
    [...state.services.values()]
      .filter(s => s.entityName)
      .map(s => [s.entityName!, s.id]),
  );
  const technical = (name: string): DependencyEnd | undefined => {
    const id = byEntity.get(name);
    return id ? { id, kind: 'technical_service' } : undefined;
  };
  const add = (dependent: DependencyEnd, supporting: DependencyEnd) => {
    const known = state.serviceDependencies.some(
      d => d.dependent.id === dependent.id && d.supporting.id === supporting.id,
    );
    if (known) return;
    state.serviceDependencies.push({
      id: `D${random.hex(15).toUpperCase()}`,
      dependent,
      supporting,
    });
  };
  for (const edge of catalog.dependencies ?? []) {
    const [dependent, supporting] = [
      technical(edge.dependent),
      technical(edge.supporting),
    ];
    if (dependent && supporting) add(dependent, supporting);
  }
  for (const business of catalog.businessServices ?? []) {
    const id = random.pagerDutyId();
    state.businessServices.set(id, {
      id,
      name: business.name,
      description: `The ${business.name} business service`,
      pointOfContact: 'PagerDuty Admin',
    });
    for (const name of business.supportedBy) {
      const supporting = technical(name);
      if (supporting) add({ id, kind: 'business_service' }, supporting);
    }
  }
}
