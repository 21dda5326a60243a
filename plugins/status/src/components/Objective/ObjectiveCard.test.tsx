import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusObjectiveReport } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { ObjectiveCard } from './ObjectiveCard';

const MIN = 60_000;
const DAY = 86_400_000;

const report = (
  changes: Partial<StatusObjectiveReport> = {},
): StatusObjectiveReport => ({
  entityRef: 'component:default/cart-api',
  objective: { target: 0.999, windowDays: 30, source: 'annotation' },
  window: {
    knownMs: 30 * DAY,
    ownMs: 5 * MIN,
    inheritedMs: 27 * MIN,
    upstreams: [
      { ref: 'component:default/auth-service', ms: 23 * MIN },
      { ref: 'hidden', ms: 4 * MIN },
    ],
    maintenanceMs: 2 * 3_600_000,
    maintenance: 'excluded',
    attainment: 1 - 32 / (30 * 24 * 60),
    budgetMs: 43.2 * MIN,
    budgetLeft: 1 - 32 / 43.2,
  },
  burnRates: {
    hour: { rate: 14.4, own: 0, inherited: 14.4 },
    day: { rate: 2, own: 0.5, inherited: 1.5 },
  },
  exhaustsAt: new Date(Date.now() + 45 * MIN).toISOString(),
  generatedAt: new Date().toISOString(),
  ...changes,
});

async function render(answer: StatusObjectiveReport) {
  await renderInTestApp(
    <ObjectiveCard entityRef="component:default/cart-api" />,
    {
      apis: [
        [
          statusApiRef,
          {
            getObjective: async () => answer,
          } as Partial<StatusApi> as StatusApi,
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ObjectiveCard', () => {
  it('says when degraded time counts as downtime too', async () => {
    const answer = report();
    await render({
      ...answer,
      objective: { ...answer.objective!, degradedCounts: true },
    });
    expect(
      await screen.findByText('Degraded time counts as downtime too.'),
    ).toBeInTheDocument();
  });

  it('shows the budget left, who spent it (own apart from each upstream) and how fast it burns', async () => {
    await render(report());
    expect(
      await screen.findByText(/^99\.9 % up over 30 days/),
    ).toHaveTextContent('(set by its status.backstage.io/slo annotation)');
    expect(
      screen.getByRole('meter', { name: 'Error budget left' }),
    ).toHaveAttribute('aria-valuenow', '26');
    expect(
      screen.getByText(/^26 % of the error budget left/),
    ).toBeInTheDocument();
    const spent = screen.getByRole('list', { name: 'Who spent it' });
    const items = within(spent).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Its own signals: 5 min (12 % of the budget)',
    );
    expect(items[1]).toHaveTextContent(
      'auth-service: 23 min (53 % of the budget)',
    );
    expect(within(items[1]).getByRole('link')).toHaveTextContent(
      'auth-service',
    );
    expect(items[2]).toHaveTextContent(
      'An upstream you cannot see: 4 min (9 % of the budget)',
    );
    const burn = screen.getByRole('list', { name: 'Burn rate' });
    expect(burn).toHaveTextContent(
      'Last hour: 14.4× (own 0×, inherited 14.4×)',
    );
    expect(burn).toHaveTextContent('Last day: 2× (own 0.5×, inherited 1.5×)');
    expect(screen.getByRole('status')).toHaveTextContent(
      /^At the last hour’s pace, the budget runs out by /,
    );
    expect(
      screen.getByText('2 h under maintenance is left out of the window.'),
    ).toBeInTheDocument();
  });

  it('says when the budget is spent, by how much', async () => {
    await render(
      report({
        window: {
          ...report().window!,
          ownMs: 60 * MIN,
          inheritedMs: 0,
          upstreams: [],
          budgetLeft: 1 - 60 / 43.2,
        },
        exhaustsAt: undefined,
      }),
    );
    expect(
      await screen.findByText('Error budget spent: 139 % used (1 h of 43 min)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('tells how to set an objective, or why it cannot be read', async () => {
    await render({
      entityRef: 'component:default/cart-api',
      generatedAt: new Date().toISOString(),
    });
    expect(
      await screen.findByText(/^No objective\. Add the annotation/),
    ).toBeInTheDocument();
  });
});
