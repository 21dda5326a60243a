import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  countDisplayLevels,
  StatusRollup,
} from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { anEntityStatus, levels } from './__fixtures__/entityStatus';
import { aHistory } from './__fixtures__/history';
import { pagedStatusApi } from './__fixtures__/pagedStatusApi';
import { StatusApi, statusApiRef } from './api';
import {
  EntityStatusCard,
  EntityStatusContent,
  MyServicesStatusCard,
} from './legacy';

// These render the legacy exports in a test app of the legacy frontend
// system (@backstage/test-utils): its routing context resolves routes, and
// there is no route resolution API, which only the new system provides.

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'ecommerce', lifecycle: 'production' },
});

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ecommerce', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const rollup: StatusRollup = {
  entityRef: 'group:default/ecommerce',
  level: 'major_outage',
  displayLevel: 'major_outage',
  counts: countDisplayLevels(['major_outage']),
  members: [
    {
      entityRef: 'component:default/cart-api',
      kind: 'Component',
      name: 'cart-api',
      levels: levels('operational', 'major_outage', 'major_outage'),
      displayLevel: 'major_outage',
      rootCauses: [],
      activeIncidents: 0,
    },
  ],
  upstreamProblems: [],
  freshness: { stale: false, lastSuccessAt: new Date().toISOString() },
};

const statusApi: Partial<StatusApi> = {
  getEntityStatus: async () =>
    anEntityStatus({
      levels: levels('operational', 'major_outage', 'major_outage'),
      upstreams: [
        {
          ref: 'component:default/auth-service',
          critical: true,
          levels: levels('major_outage', 'operational', 'major_outage'),
          upstreams: [],
        },
      ],
    }),
  getRollup: async () => rollup,
  getEntityHistory: async entityRef => aHistory(entityRef, []),
  getResponse: async entityRef => ({
    entityRef,
    services: 1,
    periods: [],
    truncated: false,
  }),
  getChanges: async entityRef => ({
    entityRef,
    hours: 24,
    changes: [],
    hiddenChanges: 0,
    truncated: false,
    freshness: [],
    generatedAt: new Date().toISOString(),
  }),
  getSimilarIncidents: async entityRef => ({
    entityRef,
    incidents: [],
    hiddenMatches: 0,
    days: 90,
    generatedAt: new Date().toISOString(),
  }),
  getSubscriptions: async () => ({
    subscriptions: [],
    max: 200,
    removed: 0,
    notificationsEnabled: true,
  }),
  getPublicLinks: async () => undefined,
  getHealth: async () => ({
    status: 'ok',
    database: 'ok',
    pagerDutyMode: 'live',
    checkedAt: new Date().toISOString(),
  }),
};

function renderInLegacyApp(entity: Entity, element: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [statusApiRef, statusApi as StatusApi],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [entity, component('auth-service')],
          }),
        ],
        [catalogGraphApiRef, new DefaultCatalogGraphApi()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('the legacy frontend system', () => {
  it("links a service's overview card to its Status tab", async () => {
    await renderInLegacyApp(component('cart-web'), <EntityStatusCard />);
    expect(
      await screen.findByRole('link', { name: /Open the Status tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-web/status');
  });

  it("links a roll-up's overview card to its Status tab", async () => {
    await renderInLegacyApp(group, <EntityStatusCard />);
    expect(await screen.findByText('cart-api')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the Status tab/ }),
    ).toHaveAttribute('href', '/catalog/default/group/ecommerce/status');
  });

  it("shows a service's Status tab with its upstream graph and list", async () => {
    await renderInLegacyApp(component('cart-web'), <EntityStatusContent />);
    expect(
      await screen.findByText('Upstream dependencies'),
    ).toBeInTheDocument();
    // impacted through an upstream: the section is open, the upstream listed
    const upstreams = await screen.findByRole('list', {
      name: 'Upstreams not operational',
    });
    expect(
      within(upstreams).getByRole('link', { name: /auth-service/ }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service');
  });

  it("shows the home-page card of the user's services that are not operational", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [statusApiRef, pagedStatusApi() as Partial<StatusApi> as StatusApi],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef: 'user:default/lin',
              ownershipEntityRefs: ['group:default/ecommerce'],
            }),
          ],
        ]}
      >
        <MyServicesStatusCard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('My services not operational')).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Not operational' });
    expect(within(list).getAllByRole('link').length).toBeGreaterThan(0);
  });
});
