import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityStatusConfiguration } from '@internal/plugin-status-common';
import { screen } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { EntityStatusTab } from './EntityStatusTab';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-api', namespace: 'default' },
  spec: { type: 'service', owner: 'ecommerce', lifecycle: 'production' },
};

const liveHealth: StatusApi['getHealth'] = async () => ({
  status: 'ok',
  database: 'ok',
  pagerDutyMode: 'live',
  checkedAt: '2026-11-21T10:00:00.000Z',
});

function renderTab(overrides: Partial<StatusApi>) {
  const api: Partial<StatusApi> = { getHealth: liveHealth, ...overrides };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityStatusTab />
    </EntityProvider>,
    {
      apis: [[statusApiRef, api as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const configuration = (
  overrides: Partial<EntityStatusConfiguration>,
): EntityStatusConfiguration => ({
  entityRef: 'component:default/cart-api',
  pagerDutyServiceIds: [],
  pagerDutyAccount: 'default',
  criticalDependencies: [],
  monitored: true,
  problems: [],
  ...overrides,
});

describe('EntityStatusTab', () => {
  it('asks the backend for this entity and shows its signal sources', async () => {
    const getEntityConfiguration = jest.fn(async () =>
      configuration({
        pagerDutyServiceIds: ['PCART01'],
        criticalDependencies: ['component:default/membership-api'],
      }),
    );
    await renderTab({ getEntityConfiguration });
    expect(await screen.findByText('PCART01')).toBeInTheDocument();
    expect(getEntityConfiguration).toHaveBeenCalledWith(
      'component:default/cart-api',
    );
    expect(
      screen.getByRole('link', { name: 'membership-api' }),
    ).toBeInTheDocument();
  });

  it('says when the data is simulated', async () => {
    await renderTab({
      getEntityConfiguration: async () =>
        configuration({ pagerDutyServiceIds: ['PCART01'] }),
      getHealth: async () => ({
        ...(await liveHealth()),
        pagerDutyMode: 'simulated',
      }),
    });
    expect(await screen.findByText(/Simulated data/)).toBeInTheDocument();
  });

  it('explains how to annotate an entity that is not monitored', async () => {
    await renderTab({
      getEntityConfiguration: async () => configuration({ monitored: false }),
    });
    expect(await screen.findByText('Not monitored')).toBeInTheDocument();
    // the snippet is syntax-highlighted, so its text spans several elements
    const snippet = await screen.findByText(
      (_, element) =>
        element?.tagName === 'CODE' &&
        /pagerduty\.com\/service-id: PABC123/.test(element.textContent ?? ''),
    );
    expect(snippet).toBeInTheDocument();
  });

  it('names the annotation to fix when one is malformed', async () => {
    await renderTab({
      getEntityConfiguration: async () =>
        configuration({
          monitored: false,
          problems: [
            {
              annotation: 'pagerduty.com/service-id',
              message: '"x" is not a PagerDuty service ID.',
            },
          ],
        }),
    });
    expect(
      await screen.findByText(/Status annotations need fixing \(1\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/is not a PagerDuty service ID/),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the backend fails', async () => {
    await renderTab({
      getEntityConfiguration: async () => {
        throw new Error('backend exploded');
      },
    });
    expect(
      await screen.findByText(/Could not load the status of this entity/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend exploded/).length).toBeGreaterThan(0);
  });
});
