import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { SimilarIncidentsCard } from './SimilarIncidentsCard';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('SimilarIncidentsCard', () => {
  it('lists what happened last time: where, how long, who resolved it, and a link', async () => {
    const created = Date.now() - 10 * DAY;
    const api: Partial<StatusApi> = {
      getSimilarIncidents: async entityRef => ({
        entityRef,
        days: 90,
        hiddenMatches: 1,
        generatedAt: new Date().toISOString(),
        incidents: [
          {
            id: 'PNOW',
            title: 'Cart requests failing: membership lookups time out',
            similar: [
              {
                id: 'PA1',
                title: 'Login failing for 20% of users',
                entityRef: 'component:default/auth-service',
                relation: 'root-cause',
                path: [
                  'component:default/cart-api',
                  'component:default/membership-api',
                  'component:default/auth-service',
                ],
                createdAt: new Date(created).toISOString(),
                resolvedAt: new Date(created + 38 * MINUTE).toISOString(),
                resolvedBy: 'Ada Lovelace',
                htmlUrl: 'https://example.pagerduty.com/incidents/PA1',
                titleSimilarity: 0.11,
              },
            ],
          },
          { id: 'PNOW2', title: 'Checkout slow', similar: [] },
        ],
      }),
    };
    await renderInTestApp(
      <SimilarIncidentsCard entityRef="component:default/cart-api" />,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const past = await screen.findByRole('listitem', {
      name: 'Past incident: Login failing for 20% of users',
    });
    expect(
      within(past).getByRole('link', {
        name: /^Login failing for 20% of users/,
      }),
    ).toHaveAttribute('href', 'https://example.pagerduty.com/incidents/PA1');
    expect(past).toHaveTextContent(
      /on the upstream this outage comes from · .+ · lasted 38 min · resolved by Ada Lovelace · 11 % of title words shared/,
    );
    expect(past).toHaveTextContent(
      'Path: cart-api → membership-api → auth-service',
    );
    expect(
      within(
        screen.getByRole('region', { name: 'Like Checkout slow' }),
      ).getByText(/No resolved incident of the last 90 days/),
    ).toBeVisible();
    expect(
      screen.getByText('1 more on upstreams you cannot see.'),
    ).toBeVisible();
  });
});
