import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  anEntityStatus,
  aRootCause,
  levels,
} from '../../__fixtures__/entityStatus';
import { StatusApi, statusApiRef } from '../../api';
import { EntityStatusCard } from './EntityStatusCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-web', namespace: 'default' },
  spec: { type: 'website', owner: 'ecommerce', lifecycle: 'production' },
};

describe('EntityStatusCard', () => {
  it('shows the level, the explanation, the top root cause, who is on call and a link to the tab', async () => {
    const api: Partial<StatusApi> = {
      getEntityStatus: async () =>
        anEntityStatus({
          levels: levels('operational', 'degraded', 'degraded'),
          explanation:
            'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
          rootCauses: [
            aRootCause(),
            aRootCause({ entityRef: 'component:default/points-api' }),
          ],
        }),
    };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityStatusCard />
      </EntityProvider>,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText(
        'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Root cause:/)).toHaveTextContent(
      'Root cause: auth-service (Major outage) and 1 more',
    );
    expect(screen.getByText(/On call:/)).toHaveTextContent(
      `On call: ${
        anEntityStatus().escalationPolicies[0].onCall[0].user.name
      } (E-commerce on-call)`,
    );
    expect(
      screen.getByRole('link', { name: /Open the Status tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-web/status');
  });

  it('names nobody as on call whose shift has ended since PagerDuty was last read', async () => {
    const status = anEntityStatus();
    const hour = 3_600_000;
    const [policy] = status.escalationPolicies;
    const api: Partial<StatusApi> = {
      getEntityStatus: async () => ({
        ...status,
        escalationPolicies: [
          {
            ...policy,
            onCallReadAt: new Date(Date.now() - 3 * hour).toISOString(),
            onCall: policy.onCall.map(o => ({
              ...o,
              start: new Date(Date.now() - 2 * hour).toISOString(),
              end: new Date(Date.now() - hour).toISOString(),
            })),
          },
        ],
      }),
    };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityStatusCard />
      </EntityProvider>,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText(/On call:/)).toHaveTextContent(
      `On call: not known (the shifts last read have ended) (${policy.name})`,
    );
  });
});
