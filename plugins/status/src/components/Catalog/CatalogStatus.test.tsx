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
  it("shows each row's level, inherited or its own, and a dash for what has none, from one request", async () => {
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
          ],
        };
      },
    };
    const rows = ['auth-service', 'shop-web', 'not-monitored'].map(name => ({
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
    expect(screen.getByTitle('No status')).toHaveTextContent('—');
    expect(asked).toEqual([
      [
        'component:default/auth-service',
        'component:default/shop-web',
        'component:default/not-monitored',
      ],
    ]);
  });
});
