import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  CoverageComponent,
  StatusCoverage,
  StatusCoverageQuery,
} from '@status-layer/plugin-status-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StatusApi, statusApiRef } from '../../api';
import { CoverageTab } from './CoverageTab';

const component = (
  name: string,
  extra: Partial<CoverageComponent> = {},
): CoverageComponent => ({
  entityRef: `component:default/${name}`,
  lifecycle: 'production',
  production: true,
  owner: 'group:default/shop',
  monitoredBy: ['pagerduty'],
  pagerDuty: {
    account: 'default',
    serviceIds: ['PCART01'],
    mappedBy: 'catalog-info.yaml',
  },
  dependents: 0,
  misconfigured: false,
  ...extra,
});

const COMPONENTS = [
  component('cart', { dependents: 4 }),
  component('wishlist', {
    dependents: 3,
    pagerDuty: {
      account: 'default',
      serviceIds: ['PWISH01'],
      mappedBy: 'portal',
    },
  }),
  component('loyalty, "points"', {
    monitoredBy: [],
    pagerDuty: undefined,
    dependents: 2,
  }),
  component('pricing-lab', {
    lifecycle: 'experimental',
    production: false,
    monitoredBy: [],
    pagerDuty: undefined,
  }),
];

/** The backend's answer, filtered as the backend filters. */
function coverage(query: StatusCoverageQuery, canMap: boolean): StatusCoverage {
  const items = COMPONENTS.filter(
    c =>
      (!query.lifecycle || c.lifecycle === query.lifecycle) &&
      (!query.monitored ||
        (query.monitored === 'yes') === c.monitoredBy.length > 0),
  );
  return {
    canMap,
    totals: { components: 3, production: 2, monitored: 1 },
    groups: {
      domain: { items: [{ entityRef: null, production: 2, monitored: 1 }], total: 1 },
      system: { items: [], total: 0 },
      owner: {
        items: [{ entityRef: 'group:default/shop', production: 2, monitored: 1 }],
        total: 1,
      },
    },
    lifecycles: ['experimental', 'production'],
    components: { items, total: items.length, offset: 0, limit: 200 },
    unreferencedServices: {
      items: [
        {
          account: 'emea',
          serviceId: 'PLOYAL1',
          name: 'Loyalty Points',
          teams: ['Shop'],
          escalationPolicy: 'Shop escalation',
          annotation: [
            'pagerduty.com/service-id: PLOYAL1',
            'pagerduty.com/account: emea',
          ],
          suggestions: [
            {
              entityRef: 'component:default/loyalty-points',
              reasons: [{ kind: 'name' }, { kind: 'team', team: 'Shop' }],
            },
          ],
        },
      ],
      total: 1,
    },
    unknownServices: {
      items: [
        {
          entityRef: 'component:default/quote-engine',
          account: 'default',
          serviceId: 'PNOSUCH',
          reason: 'unknown_service',
        },
      ],
      total: 1,
    },
    sharedServices: { items: [], total: 0 },
  };
}

function renderTab(canMap = true) {
  const api = {
    getCoverage: jest.fn(async (query?: StatusCoverageQuery) =>
      coverage(query ?? {}, canMap),
    ),
    removeServiceMapping: jest.fn(async () => {}),
    getDependencyCoverage: jest.fn(async () => ({
      mode: 'suggest' as const,
      pagerDutyOnly: [
        {
          dependent: 'component:default/order-service',
          upstream: 'component:default/inventory-api',
        },
      ],
      catalogOnly: [],
      truncated: false,
    })),
    setServiceMapping: jest.fn(async (request: any) => ({
      mapping: {
        account: 'default',
        ...request,
        createdBy: 'user:default/sre',
        createdAt: new Date().toISOString(),
      },
    })),
  };
  return {
    api,
    ...renderInTestApp(<CoverageTab />, {
      apis: [[statusApiRef, api as Partial<StatusApi> as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    }),
  };
}

const componentRows = () =>
  within(screen.getByTestId('coverage-components'))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('CoverageTab', () => {
  it('shows the counts per group and the production components, most dependents first', async () => {
    await renderTab();
    expect(
      await screen.findByText(
        '1 of 2 production components are monitored (3 components in all).',
      ),
    ).toBeInTheDocument();
    const byOwner = screen.getByRole('table', { name: 'By owner' });
    expect(
      within(byOwner).getByRole('columnheader', { name: 'Not monitored' }),
    ).toBeInTheDocument();
    expect(componentRows()).toEqual(['cart', 'wishlist', 'loyalty, "points"']);
    // words, not only colour
    expect(
      within(screen.getByTestId('coverage-components')).getByText(
        'Not monitored',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('PagerDuty has no such service')).toBeInTheDocument();
    expect(
      screen.getByText('loyalty-points', { exact: false }).closest('li'),
    ).toHaveTextContent('name matches, team Shop owns it');
  });

  it('asks the backend for the filters chosen', async () => {
    const { api } = await renderTab();
    await screen.findByTestId('coverage-components');
    await userEvent.click(screen.getByLabelText('Monitored'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Not monitored' }),
    );
    await waitFor(() =>
      expect(componentRows()).toEqual(['loyalty, "points"']),
    );
    expect(api.getCoverage).toHaveBeenLastCalledWith({
      lifecycle: 'production',
      monitored: 'no',
      offset: 0,
    });
    await userEvent.click(screen.getByLabelText('Lifecycle'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Every lifecycle' }),
    );
    await waitFor(() =>
      expect(componentRows()).toEqual(['loyalty, "points"', 'pricing-lab']),
    );
  });

  it('exports the listed components as CSV, quoted where needed', async () => {
    const blobs: Blob[] = [];
    const created = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:coverage';
    });
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    await renderTab();
    await screen.findByTestId('coverage-components');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const text = await blobs[0].text();
    expect(text.split('\r\n')).toEqual([
      'Component,Lifecycle,Production,Owner,System,Domain,Monitored by,Direct dependents,PagerDuty service',
      'component:default/cart,production,yes,group:default/shop,,,PagerDuty,4,PCART01 (from catalog-info.yaml)',
      'component:default/wishlist,production,yes,group:default/shop,,,PagerDuty,3,PWISH01 (mapped in the portal)',
      '"component:default/loyalty, ""points""",production,yes,group:default/shop,,,Not monitored,2,',
      '',
    ]);
  });

  it('maps a suggested entity, and says when the mapping applies', async () => {
    const { api } = await renderTab();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Accept: map Loyalty Points to component:default/loyalty-points',
      }),
    );
    expect(api.setServiceMapping).toHaveBeenCalledWith({
      entityRef: 'component:default/loyalty-points',
      serviceId: 'PLOYAL1',
      account: 'emea',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'component:default/loyalty-points is mapped to PLOYAL1. The mapping applies after the catalog next processes the entity.',
    );
  });

  it('maps a component to a service ID typed in', async () => {
    const { api } = await renderTab();
    const input = await screen.findByLabelText(
      'PagerDuty service ID for component:default/loyalty, "points"',
    );
    await userEvent.type(input, 'PNEW001{Enter}');
    expect(api.setServiceMapping).toHaveBeenCalledWith({
      entityRef: 'component:default/loyalty, "points"',
      serviceId: 'PNEW001',
    });
  });

  it('removes a mapping made in the portal, and says when that applies', async () => {
    const { api } = await renderTab();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Remove portal mapping: component:default/wishlist',
      }),
    );
    expect(api.removeServiceMapping).toHaveBeenCalledWith(
      'component:default/wishlist',
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The portal mapping of component:default/wishlist is removed. This applies after the catalog next processes the entity.',
    );
  });

  it('shows the dependencies PagerDuty knows that the catalog lacks', async () => {
    await renderTab();
    const gaps = await screen.findByTestId('dependency-gaps-pagerduty-only');
    expect(within(gaps).getByText('order-service')).toBeInTheDocument();
    expect(within(gaps).getByText('inventory-api')).toBeInTheDocument();
  });

  it('offers no mapping to a reader who may not map', async () => {
    await renderTab(false);
    await screen.findByTestId('coverage-components');
    expect(screen.queryByRole('button', { name: /^Accept/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByLabelText(/PagerDuty service ID for/)).toBeNull();
  });
});
