import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { StatusDashboard } from './StatusDashboard';

function renderDashboard(api: Partial<StatusApi>) {
  return renderInTestApp(<StatusDashboard />, {
    apis: [[statusApiRef, api as StatusApi]],
  });
}

describe('StatusDashboard', () => {
  it('shows the readiness reported by the backend', async () => {
    await renderDashboard({
      getHealth: async () => ({
        status: 'degraded',
        database: 'unavailable',
        pagerDutyMode: 'live',
        checkedAt: '2026-11-21T10:00:00.000Z',
      }),
    });
    expect(await screen.findByText('degraded')).toBeInTheDocument();
    expect(screen.getByText('unavailable')).toBeInTheDocument();
    expect(
      screen.getByText('connected (API token configured)'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Simulated data')).not.toBeInTheDocument();
  });

  it('says plainly when the data is simulated', async () => {
    await renderDashboard({
      getHealth: async () => ({
        status: 'ok',
        database: 'ok',
        pagerDutyMode: 'simulated',
        checkedAt: '2026-11-21T10:00:00.000Z',
      }),
    });
    expect(await screen.findByText(/Simulated data/)).toBeInTheDocument();
    expect(
      screen.getByText(/built-in PagerDuty simulator/),
    ).toBeInTheDocument();
  });

  it('says when the backend cannot be reached', async () => {
    await renderDashboard({
      getHealth: async () => {
        throw new Error('connection refused');
      },
    });
    expect(
      await screen.findByText(/The status backend is not reachable/),
    ).toBeInTheDocument();
  });
});
