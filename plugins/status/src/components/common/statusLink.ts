import { parseEntityRef } from '@backstage/catalog-model';
import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';

type EntityRouteFunc = RouteFunc<{
  kind: string;
  namespace: string;
  name: string;
}>;

/**
 * The catalog's entity page route, or undefined when no entity page is
 * mounted. Resolved with core-plugin-api's `useRouteRef`, which works in both
 * frontend systems: the new one through its route resolution API, a legacy
 * app through its routing context (frontend-plugin-api's `useRouteRef` needs
 * the route resolution API, which a legacy app does not provide).
 */
export function useEntityRoute(): EntityRouteFunc | undefined {
  try {
    // it throws, after its own hooks, only when the route is not mounted
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/** The URL of an entity's Status tab, when the catalog's entity page is mounted. */
export function useStatusTabLink(): (entityRef: string) => string | undefined {
  const entityRoute = useEntityRoute();
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

/** Where the status page is mounted: `/status` where the app cannot say (a legacy app). */
export function useStatusRootPath(): string {
  try {
    // it throws, after its own hooks, only when the route is not mounted
    // a route ref of the new frontend system, which core's hook resolves there too
    return useRouteRef(rootRouteRef as any)?.() ?? '/status';
  } catch {
    return '/status';
  }
}

/**
 * The URL of an incident's timeline page, stable enough to paste in chat:
 * `<status page>/incidents/<account>/<incident id>`.
 */
export function useIncidentTimelineLink(): (incident: {
  account?: string;
  id: string;
}) => string {
  const root = useStatusRootPath().replace(/\/$/, '');
  return incident =>
    `${root}/incidents/${encodeURIComponent(
      incident.account ?? 'default',
    )}/${encodeURIComponent(incident.id)}`;
}
