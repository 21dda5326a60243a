import { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
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
});
