import { renderInTestApp } from '@backstage/frontend-test-utils';
import { responsePeriods } from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { ResponseCard } from './ResponseCard';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('ResponseCard', () => {
  it('shows incidents, MTTA and MTTR per period against the period before, with their definitions', async () => {
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const periods = responsePeriods(
      [
        // this week: acknowledged after 5 min, resolved after 30
        {
          createdAt: at(DAY),
          acknowledgedAt: at(DAY - 5 * MINUTE),
          resolvedAt: at(DAY - 30 * MINUTE),
        },
        // the week before: acknowledged after 15 min, resolved after 30
        {
          createdAt: at(9 * DAY),
          acknowledgedAt: at(9 * DAY - 15 * MINUTE),
          resolvedAt: at(9 * DAY - 30 * MINUTE),
        },
      ],
      now,
    );
    const api: Partial<StatusApi> = {
      getResponse: async entityRef => ({
        entityRef,
        services: 1,
        periods,
        truncated: false,
      }),
    };
    await renderInTestApp(
      <ResponseCard entityRef="component:default/cart-api" />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    const table = await screen.findByRole('table', {
      name: 'Incident response',
    });
    const week = within(table).getAllByRole('row')[1];
    expect(week).toHaveTextContent(
      '7 days1 (before: 1)5 min (better than 15 min the period before)30 min (as 30 min the period before)',
    );
    expect(screen.getByText(/MTTA is the mean time/)).toBeInTheDocument();
  });
});
