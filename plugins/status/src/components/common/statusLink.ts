import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/** The URL of an entity's Status tab, when the catalog's entity page is mounted. */
export function useStatusTabLink(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return (entityRef: string) => {
    if (!entityRoute) return undefined;
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    })}/status`;
  };
}
