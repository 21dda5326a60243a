import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusFeedIncident } from '@status-layer/plugin-status-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { anIncident } from '../../__fixtures__/entityStatus';
import { IncidentsFeed } from './IncidentsFeed';

const MINUTE = 60_000;

const feedIncident = (
  overrides: Partial<StatusFeedIncident>,
  entityRef: string,
): StatusFeedIncident => ({
  ...anIncident(overrides),
  ...overrides,
  serviceId: 'PSERVICE',
  entities: [{ entityRef, level: 'major_outage' }],
});

describe('IncidentsFeed', () => {
  const ago = (minutes: number) =>
    new Date(Date.now() - minutes * MINUTE).toISOString();
  const login = feedIncident(
    {
      id: 'PAUTH',
      number: 12,
      title: 'Login failing',
      createdAt: ago(10),
      conferenceUrl: 'https://acme.slack.com/archives/C123',
      updates: [
        {
          id: 'U4',
          kind: 'status_update',
          at: ago(1),
          author: 'Ada Lead',
          message: 'Rollback under way; next update in 15 minutes',
        },
        ...[3, 2, 1].map(n => ({
          id: `N${n}`,
          kind: 'note' as const,
          at: ago(10 - n),
          author: 'Sam Responder',
          message: `Note ${n}`,
        })),
      ],
    },
    'component:default/auth-service',
  );
  const cart = feedIncident(
    {
      id: 'PCART',
      number: 13,
      title: 'Checkout errors',
      createdAt: ago(7),
      symptomOf: {
        incidentId: 'PAUTH',
        entityRef: 'component:default/auth-service',
        title: 'Login failing',
        explanation:
          "Opened 3 min after auth-service's incident #12; cart-api depends on auth-service via membership-api.",
      },
    },
    'component:default/cart-api',
  );
  const images = feedIncident(
    { id: 'PIMG', number: 14, title: 'Images slow', createdAt: ago(30) },
    'component:default/shop-web',
  );

  it('lists probable symptoms under the upstream incident, saying why', async () => {
    await renderInTestApp(<IncidentsFeed incidents={[cart, login, images]} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const feed = screen.getByRole('list', {
      name: 'Active incidents, newest first',
    });
    // two problems at the top level, not three
    expect(feed.children).toHaveLength(2);
    const symptoms = screen.getByRole('list', {
      name: 'Probable symptoms of Login failing',
    });
    expect(symptoms).toHaveTextContent('#13 Checkout errors');
    expect(symptoms).toHaveTextContent(
      "Probable symptom of “Login failing”: Opened 3 min after auth-service's incident #12",
    );
    expect(
      screen.getByText('1 probable symptom of this incident'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Probable symptoms of Images slow' }),
    ).not.toBeInTheDocument();
  });

  it('shows the latest updates newest first, the rest on request, and the Slack channel', async () => {
    await renderInTestApp(<IncidentsFeed incidents={[login]} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const updates = screen.getByRole('list', {
      name: 'Updates on Login failing',
    });
    const items = within(updates).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      'Status update by Ada Lead, 1 min agoRollback under way; next update in 15 minutes',
    );
    expect(items[1]).toHaveTextContent('Note by Sam Responder');
    fireEvent.click(
      screen.getByRole('button', { name: 'Show 1 earlier update' }),
    );
    expect(within(updates).getAllByRole('listitem')).toHaveLength(4);
    expect(
      screen.getByText('Open the incident’s Slack channel').closest('a'),
    ).toHaveAttribute('href', 'https://acme.slack.com/archives/C123');
  });
});
