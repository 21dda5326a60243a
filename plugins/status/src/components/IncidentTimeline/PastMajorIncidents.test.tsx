import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusMajorIncidents } from '@status-layer/plugin-status-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { PastMajorIncidentsCard } from './PastMajorIncidents';

const T0 = Date.now() - 5 * 86_400_000;
const answer = (
  changes: Partial<StatusMajorIncidents> = {},
): StatusMajorIncidents => ({
  entityRef: null,
  days: 90,
  query: '',
  offset: 0,
  total: 2,
  truncated: false,
  generatedAt: new Date().toISOString(),
  incidents: [
    {
      account: 'default',
      id: 'PLOGIN1',
      number: 42,
      title: 'Login failing',
      priority: 'P1',
      urgency: 'high',
      status: 'resolved',
      createdAt: new Date(T0).toISOString(),
      resolvedAt: new Date(T0 + 38 * 60_000).toISOString(),
      durationMs: 38 * 60_000,
      entityRef: 'component:default/auth-service',
      blastRadius: { entities: 4, teams: 2 },
      postmortem: {
        url: 'https://wiki.example.com/pm/login',
        title: 'Login failing after the certificate rotation',
        source: 'note',
      },
    },
    {
      account: 'default',
      id: 'POLD',
      number: 7,
      title: 'Carts lost',
      priority: 'P2',
      urgency: 'high',
      status: 'resolved',
      createdAt: new Date(T0 - 60 * 86_400_000).toISOString(),
      resolvedAt: new Date(T0 - 60 * 86_400_000 + 600_000).toISOString(),
      durationMs: 600_000,
      entityRef: 'component:default/cart-api',
      blastRadius: null,
      postmortem: null,
    },
  ],
  teams: [
    { team: 'group:default/platform', incidents: 1, withPostmortem: 1 },
    { team: 'group:default/shop', incidents: 1, withPostmortem: 0 },
  ],
  ...changes,
});

describe('PastMajorIncidentsCard', () => {
  it('lists each major incident with its timeline, reach and postmortem, and each team’s share; searching asks the API', async () => {
    const getMajorIncidents = jest.fn(async (query: { q?: string }) =>
      query.q
        ? answer({ query: query.q, incidents: [], total: 0, teams: [] })
        : answer(),
    );
    await renderInTestApp(<PastMajorIncidentsCard />, {
      apis: [
        [
          statusApiRef,
          { getMajorIncidents } as Partial<StatusApi> as StatusApi,
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const table = await screen.findByRole('table', {
      name: 'Past major incidents',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('#42 Login failing (P1)');
    expect(rows[1]).toHaveTextContent('38 min');
    expect(rows[1]).toHaveTextContent('4 entities, 2 teams');
    expect(
      within(rows[1]).getByRole('link', { name: '#42 Login failing' }),
    ).toHaveAttribute('href', '/status/incidents/default/PLOGIN1');
    expect(
      within(rows[1]).getByRole('link', {
        name: /^Login failing after the certificate rotation/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/pm/login');
    expect(rows[2]).toHaveTextContent('before recording');
    expect(rows[2]).toHaveTextContent('No postmortem yet');
    const shares = screen.getByRole('table', {
      name: 'Major incidents with a postmortem, per team',
    });
    expect(shares).toHaveTextContent('1 of 1 (100 %)');
    expect(shares).toHaveTextContent('0 of 1 (0 %)');

    fireEvent.change(screen.getByLabelText('Search titles'), {
      target: { value: 'payments' },
    });
    await waitFor(() =>
      expect(getMajorIncidents).toHaveBeenLastCalledWith({
        entityRef: undefined,
        q: 'payments',
        offset: 0,
      }),
    );
    expect(
      await screen.findByText('No major incident matches “payments”.'),
    ).toBeInTheDocument();
  });
});
