import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StatusApi, statusApiRef } from '../../api';
import { TeamResponse } from './TeamResponse';

const MINUTE = 60_000;

describe('TeamResponse', () => {
  it("lists each team's incidents, MTTA and MTTR against the period before, for the period chosen", async () => {
    const asked: number[] = [];
    const api: Partial<StatusApi> = {
      getTeamResponse: async days => {
        asked.push(days);
        return {
          days,
          truncated: false,
          generatedAt: new Date().toISOString(),
          teams: [
            {
              owner: 'group:default/platform',
              services: 4,
              current: {
                incidents: days === 30 ? 6 : 2,
                acknowledged: 6,
                resolved: 6,
                mttaMs: 3 * MINUTE,
                mttrMs: 50 * MINUTE,
              },
              previous: {
                incidents: 4,
                acknowledged: 4,
                resolved: 4,
                mttaMs: 6 * MINUTE,
                mttrMs: 50 * MINUTE,
              },
            },
          ],
        };
      },
    };
    await renderInTestApp(<TeamResponse />, {
      apis: [[statusApiRef, api as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const table = await screen.findByRole('table', {
      name: 'Incident response per team',
    });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      'platform46 (before: 4)3 min (better than 6 min the period before)50 min (as 50 min the period before)',
    );
    await userEvent.click(screen.getByRole('button', { name: /Last 30 days/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Last 7 days' }));
    expect(
      await screen.findByText(/created in the last 7 days/),
    ).toBeInTheDocument();
    expect(asked).toEqual([30, 7]);
  });
});
