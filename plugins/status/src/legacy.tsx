import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { statusApiRef, StatusClient } from './api';

const legacyRootRouteRef = createRouteRef({ id: 'status' });

/**
 * The status plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const legacyStatusPlugin = createPlugin({
  id: 'status',
  apis: [
    createApiFactory({
      api: statusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new StatusClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/**
 * The company-wide status dashboard (and each incident's timeline under
 * `incidents/:account/:incidentId`), for apps on the legacy frontend system.
 *
 * @public
 */
export const StatusDashboardPage = legacyStatusPlugin.provide(
  createRoutableExtension({
    name: 'StatusDashboardPage',
    component: () => import('./components/StatusPage').then(m => m.StatusPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The Status tab content of an entity page, for apps on the legacy frontend
 * system; show it for entities where `isStatusAvailable` is true.
 *
 * @public
 */
export const EntityStatusContent = legacyStatusPlugin.provide(
  createComponentExtension({
    name: 'EntityStatusContent',
    component: {
      lazy: () =>
        import('./components/StatusContent').then(m => m.StatusContent),
    },
  }),
);

/**
 * The Status card of an entity's overview, for apps on the legacy frontend
 * system: a service's level and top root cause, or a roll-up's worst members.
 *
 * @public
 */
export const EntityStatusCard = legacyStatusPlugin.provide(
  createComponentExtension({
    name: 'EntityStatusCard',
    component: {
      lazy: () => import('./components/StatusContent').then(m => m.StatusCard),
    },
  }),
);

/**
 * The home-page card, for legacy home pages built with `@backstage/plugin-home`:
 * the services the signed-in user's teams own or depend on that are not
 * operational, worst first, each with its root cause.
 *
 * @public
 */
export const MyServicesStatusCard = legacyStatusPlugin.provide(
  createCardExtension({
    name: 'MyServicesStatusCard',
    title: 'My services not operational',
    components: () =>
      import('./components/MyServicesCard').then(m => ({
        Content: m.MyServicesCard,
      })),
  }),
);
