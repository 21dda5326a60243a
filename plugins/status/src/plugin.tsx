import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TrafficIcon from '@material-ui/icons/Traffic';
import { statusApiRef, StatusClient } from './api';
import { isStatusAvailable } from './entityFilter';
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
    loader: () =>
      import('./components/StatusDashboard').then(m => <m.StatusDashboard />),
  },
});

const entityStatusContent = EntityContentBlueprint.make({
  params: {
    path: 'status',
    title: 'Status',
    filter: isStatusAvailable,
    loader: () =>
      import('./components/EntityStatusTab').then(m => <m.EntityStatusTab />),
  },
});

/**
 * The status plugin for the new frontend system: the `/status` page
 * (`page:status`) and the Status tab of entity pages (`entity-content:status`).
 *
 * @public
 */
export const statusPlugin = createFrontendPlugin({
  pluginId: 'status',
  title: 'Status',
  icon: <TrafficIcon />,
  extensions: [statusApi, statusPage, entityStatusContent],
  routes: {
    root: rootRouteRef,
  },
});
