import { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { createStatusCatalogColumn } from './CatalogStatus';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});

describe('createStatusCatalogColumn', () => {
  it("shows each row's level, inherited or its own, not monitored and misconfigured apart from operational, and a dash for what has none, from one request", async () => {
    const asked: string[][] = [];
    const api: Partial<StatusApi> = {
      getLevels: async refs => {
        asked.push(refs);
        return {
          levels: [
            {
              entityRef: 'component:default/auth-service',
              own: 'major_outage',
              effective: 'major_outage',
              inherited: false,
            },
            {
              entityRef: 'component:default/shop-web',
              own: 'operational',
              effective: 'degraded',
              inherited: true,
            },
            // known, but no signal of its own: not operational
            {
              entityRef: 'component:default/docs',
              effective: 'operational',
              inherited: false,
            },
            // names a PagerDuty service that does not exist
            {
              entityRef: 'component:default/quote-engine',
              effective: 'operational',
              inherited: false,
              misconfigured: true,
            },
          ],
        };
      },
    };
    const rows = [
      'auth-service',
      'shop-web',
      'docs',
      'quote-engine',
      'not-known',
    ].map(name => ({
      entity: entity(name),
      name,
    }));
    await renderInTestApp(
      <Table
        title="Catalog"
        data={rows}
        columns={[
          { title: 'Name', field: 'name' },
          createStatusCatalogColumn(),
        ]}
      />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    expect(
      await screen.findByTestId(
        'catalog-status-component:default/auth-service',
      ),
    ).toHaveTextContent('Major outage');
    expect(
      screen.getByTestId('catalog-status-component:default/shop-web'),
    ).toHaveTextContent('Degradedvia an upstream');
    expect(
      screen.getByTestId('catalog-status-component:default/docs'),
    ).toHaveTextContent('Not monitored');
    expect(
      screen.getByTestId('catalog-status-component:default/quote-engine'),
    ).toHaveTextContent('Misconfigured');
    expect(screen.getByTitle('No status')).toHaveTextContent('—');
    expect(asked).toEqual([
      [
        'component:default/auth-service',
        'component:default/shop-web',
        'component:default/docs',
        'component:default/quote-engine',
        'component:default/not-known',
      ],
    ]);
  });

  it("shows a row's error budget left, and the whole of it (who used it, whether it burns fast) in a tooltip, linked to its Status tab", async () => {
    const api: Partial<StatusApi> = {
      getLevels: async () => ({
        levels: [
          {
            entityRef: 'component:default/cart-api',
            own: 'operational',
            effective: 'major_outage',
            inherited: true,
            budget: {
              target: 0.995,
              windowDays: 7,
              budgetLeft: 0.38,
              ownUsed: 0.1,
              inheritedUsed: 0.52,
              topUpstream: { ref: 'component:default/auth-service', used: 0.4 },
              burning: 'inherited',
              computedAt: new Date().toISOString(),
            },
          },
          {
            entityRef: 'component:default/checkout',
            effective: 'operational',
            own: 'operational',
            inherited: false,
            budget: {
              target: 0.999,
              windowDays: 30,
              budgetLeft: -0.2,
              ownUsed: 0.2,
              inheritedUsed: 1,
              topUpstream: { ref: 'hidden', used: 1 },
              // kept two hours ago: the task has not kept it since
              computedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
            },
          },
        ],
      }),
    };
    await renderInTestApp(
      <Table
        title="Catalog"
        data={['cart-api', 'checkout'].map(name => ({
          entity: entity(name),
          name,
        }))}
        columns={[
          { title: 'Name', field: 'name' },
          createStatusCatalogColumn(),
        ]}
      />,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const cart = await screen.findByTestId(
      'catalog-status-component:default/cart-api',
    );
    expect(cart).toHaveTextContent('38 % budget · burning fast');
    expect(cart).toHaveTextContent(
      'Error budget left: 38 % (99.5 % up over 7 days). Used by its own downtime: 10 %; by upstreams: 52 %. Most by auth-service (40 %). Burning fast: inherited from upstreams.',
    );
    // a link to its Status tab: the keyboard reaches the tooltip too
    expect(
      screen.getByRole('link', { name: /^Error budget left: 38 %/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-api/status');
    const checkout = screen.getByTestId(
      'catalog-status-component:default/checkout',
    );
    expect(checkout).toHaveTextContent('budget spent');
    expect(checkout).toHaveTextContent(
      'Most by An upstream you cannot see (100 %).',
    );
    expect(checkout).not.toHaveTextContent('hidden');
    expect(checkout).toHaveTextContent(/As computed .+ ago\.$/);
    expect(cart).not.toHaveTextContent('As computed');
  });
});
