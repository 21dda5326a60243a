import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusRollupObjectives } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { RollupObjectivesCard } from './RollupObjectivesCard';

const MIN = 60_000;
const DAY = 86_400_000;

const answer: StatusRollupObjectives = {
  entityRef: 'group:default/ecommerce',
  withoutObjective: 2,
  truncated: false,
  generatedAt: new Date().toISOString(),
  members: [
    {
      entityRef: 'component:default/cart-api',
      objective: { target: 0.995, windowDays: 7, source: 'annotation' },
      window: {
        knownMs: 7 * DAY,
        ownMs: 10 * MIN,
        inheritedMs: 30 * MIN,
        upstreams: [{ ref: 'component:default/auth-service', ms: 30 * MIN }],
        maintenanceMs: 0,
        maintenance: 'excluded',
        attainment: 0.996,
        budgetMs: 50.4 * MIN,
        budgetLeft: 1 - 40 / 50.4,
      },
      burnRates: { hour: { rate: 200, own: 0, inherited: 200 } },
      generatedAt: new Date().toISOString(),
    },
    {
      entityRef: 'component:default/shop-web',
      objective: { target: 0.999, windowDays: 30, source: 'annotation' },
      window: {
        knownMs: DAY,
        ownMs: 0,
        inheritedMs: 0,
        upstreams: [],
        maintenanceMs: 0,
        maintenance: 'excluded',
        attainment: 1,
        budgetMs: 1.44 * MIN,
        budgetLeft: 1,
      },
      burnRates: { hour: { rate: 0, own: 0, inherited: 0 } },
      generatedAt: new Date().toISOString(),
    },
  ],
};

describe('RollupObjectivesCard', () => {
  it("lists the members' objectives, least budget left first, with who spent it", async () => {
    await renderInTestApp(
      <RollupObjectivesCard entityRef="group:default/ecommerce" />,
      {
        apis: [
          [
            statusApiRef,
            {
              getRollupObjectives: async () => answer,
            } as Partial<StatusApi> as StatusApi,
          ],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const table = await screen.findByRole('table', {
      name: 'Objectives of its members',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('cart-api');
    expect(rows[1]).toHaveTextContent('99.5 % / 7 d');
    expect(rows[1]).toHaveTextContent('21 %');
    expect(rows[1]).toHaveTextContent('own 10 min, inherited 30 min');
    expect(rows[1]).toHaveTextContent('most by auth-service');
    expect(rows[1]).toHaveTextContent('200×');
    expect(rows[2]).toHaveTextContent('100 %');
    expect(
      screen.getByText('2 members have no objective.'),
    ).toBeInTheDocument();
  });
});
