import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import TrafficIcon from '@material-ui/icons/Traffic';
import { statusApiRef, StatusClient } from './api';
import { isRollupKind, isStatusAvailable } from './entityFilter';
import { rootRouteRef } from './routes';

const statusApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: statusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new StatusClient({ discoveryApi, fetchApi }),
    }),
});

const statusPage = PageBlueprint.make({
  params: {
    path: '/status',
    title: 'Status',
    icon: <TrafficIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/StatusPage').then(m => <m.StatusPage />),
  },
});

const entityStatusContent = EntityContentBlueprint.make({
  params: {
    path: 'status',
    title: 'Status',
    filter: isStatusAvailable,
    loader: () =>
      import('./components/StatusContent').then(m => <m.StatusContent />),
  },
});

const entityStatusCard = EntityCardBlueprint.make({
  params: {
    filter: (entity: Entity) =>
      isStatusAvailable(entity) && !isRollupKind(entity),
    type: 'info',
    loader: () =>
      import('./components/EntityStatusCard').then(m => <m.EntityStatusCard />),
  },
});

const rollupCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: isRollupKind,
    type: 'info',
    loader: () => import('./components/Rollup').then(m => <m.RollupCard />),
  },
});

const myServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'MyServicesStatus',
    title: 'My services not operational',
    description:
      'Services your teams own or depend on that are not operational, with their root cause',
    components: () =>
      import('./components/MyServicesCard').then(m => ({
        Content: m.MyServicesCard,
      })),
  },
});

/**
 * The status plugin for the new frontend system: the `/status` page
 * (`page:status`, with each incident's timeline at
 * `/status/incidents/:account/:incidentId`), the Status tab of entity pages (`entity-content:status`)
 * and the Status cards of their overview (`entity-card:status` for services,
 * `entity-card:status/rollup` for Systems, Domains and Groups), and the
 * home-page card of the services the reader's teams own or depend on that
 * are not operational (`home-page-widget:status/my-services`).
 *
 * @public
 */
export const statusPlugin = createFrontendPlugin({
  pluginId: 'status',
  title: 'Status',
  icon: <TrafficIcon />,
  extensions: [
    myServicesWidget,
    statusApi,
    statusPage,
    entityStatusContent,
    entityStatusCard,
    rollupCard,
  ],
  routes: {
    root: rootRouteRef,
  },
});
