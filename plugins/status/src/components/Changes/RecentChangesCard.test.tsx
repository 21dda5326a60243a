import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusChanges,
} from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { RecentChangesCard } from './RecentChangesCard';

const MINUTE = 60_000;

function render(answer: Partial<StatusChanges>) {
  const now = Date.now();
  const api: Partial<StatusApi> = {
    getChanges: async entityRef => ({
      entityRef,
      hours: 24,
      changes: [],
      hiddenChanges: 0,
      truncated: false,
      freshness: [],
      generatedAt: new Date(now).toISOString(),
      ...answer,
    }),
  };
  return renderInTestApp(
    <RecentChangesCard entityRef="component:default/cart-api" />,
    {
      apis: [[statusApiRef, api as StatusApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('RecentChangesCard', () => {
  it("lists an upstream's deploy with its path, its link and the outage six minutes after", async () => {
    const now = Date.now();
    await render({
      changes: [
        {
          id: '01AUTH',
          at: new Date(now - 8 * MINUTE).toISOString(),
          summary: 'Deployed auth-service v2.14.0',
          source: 'auth-service-pipeline',
          links: [
            { href: 'https://ci.example.com/b/2140', text: 'Build 2140' },
          ],
          entityRef: 'component:default/auth-service',
          path: [
            'component:default/cart-api',
            HIDDEN_ENTITY_REF,
            'component:default/auth-service',
          ],
          followedBy: {
            entityRef: 'component:default/auth-service',
            level: 'major_outage',
            at: new Date(now - 2 * MINUTE).toISOString(),
            minutesAfter: 6,
            incident: 'Login failing',
          },
        },
        {
          id: '01CART',
          at: new Date(now - 3 * 60 * MINUTE).toISOString(),
          summary: 'Deployed cart-api v1.2.0',
          links: [],
          entityRef: 'component:default/cart-api',
          path: ['component:default/cart-api'],
        },
      ],
      hiddenChanges: 2,
    });
    const auth = await screen.findByRole('listitem', {
      name: 'Change: Deployed auth-service v2.14.0',
    });
    expect(auth).toHaveTextContent('8 min ago');
    expect(auth).toHaveTextContent('On the upstream auth-service');
    expect(auth).toHaveTextContent('from auth-service-pipeline');
    expect(auth).toHaveTextContent(
      '6 min before auth-service turned major outage: “Login failing”',
    );
    expect(within(auth).getByText('an entity you cannot see')).toBeVisible();
    expect(
      within(auth).getByRole('link', { name: /^Build 2140/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/b/2140');
    const cart = screen.getByRole('listitem', {
      name: 'Change: Deployed cart-api v1.2.0',
    });
    expect(cart).toHaveTextContent('On cart-api');
    expect(cart).toHaveTextContent('3 h ago');
    expect(cart).not.toHaveTextContent('Path:');
    expect(cart).not.toHaveTextContent('before');
    expect(
      screen.getByText('2 more changes on upstreams you cannot see.'),
    ).toBeVisible();
  });

  it('says when nothing changed, and when the change events could not be read', async () => {
    await render({
      freshness: [
        {
          account: 'default',
          part: 'changes',
          lastSuccessAt: new Date(Date.now() - 40 * MINUTE).toISOString(),
          lastAttemptAt: new Date().toISOString(),
          lastError: 'PagerDuty answered HTTP 403 (details for status admins)',
          failingSince: new Date(Date.now() - 30 * MINUTE).toISOString(),
          stale: true,
        },
      ],
    });
    expect(
      await screen.findByText(
        'No changes recorded on this entity or its upstreams in the last 24 hours.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Recent changes may be incomplete: PagerDuty answered HTTP 403 \(details for status admins\) since /,
    );
  });
});
