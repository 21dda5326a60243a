import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  StatusSubscription,
  StatusSubscriptions,
} from '@status-layer/plugin-status-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { StatusApi, statusApiRef } from '../../api';
import { FollowButton } from './FollowButton';
import { FollowingCard } from './FollowingCard';

/** A status API holding one user's subscriptions in memory. */
function fakeApi(options: { enabled?: boolean; failFollow?: boolean } = {}) {
  const followed = new Map<string, StatusSubscription>();
  const calls: string[] = [];
  const api: Partial<StatusApi> = {
    getSubscriptions: async (): Promise<StatusSubscriptions> => ({
      subscriptions: [...followed.values()],
      max: 200,
      removed: 0,
      notificationsEnabled: options.enabled ?? true,
    }),
    follow: async entityRef => {
      calls.push(`follow ${entityRef}`);
      if (options.failFollow)
        throw new Error('You follow 200 entities already, the most allowed');
      const subscription: StatusSubscription = {
        entityRef,
        title: entityRef.split('/').pop()!,
        level: 'degraded',
        createdAt: new Date().toISOString(),
      };
      followed.set(entityRef, subscription);
      return subscription;
    },
    unfollow: async entityRef => {
      calls.push(`unfollow ${entityRef}`);
      followed.delete(entityRef);
    },
  };
  return { api: api as StatusApi, calls };
}

const REF = 'component:default/shop-web';

describe('FollowButton', () => {
  it('follows and stops following, reading the list again each time', async () => {
    const { api, calls } = fakeApi();
    await renderInTestApp(<FollowButton entityRef={REF} title="shop-web" />, {
      apis: [[statusApiRef, api]],
    });
    const notifyMe = await screen.findByRole('button', { name: 'Notify me' });
    await waitFor(() => expect(notifyMe).toBeEnabled());
    fireEvent.click(notifyMe);
    const following = await screen.findByRole('button', { name: 'Following' });
    expect(following).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(following);
    await screen.findByRole('button', { name: 'Notify me' });
    expect(calls).toEqual([`follow ${REF}`, `unfollow ${REF}`]);
  });

  it('is off, and says why, when the portal sends no notifications', async () => {
    const { api } = fakeApi({ enabled: false });
    await renderInTestApp(<FollowButton entityRef={REF} title="shop-web" />, {
      apis: [[statusApiRef, api]],
    });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Notify me' })).toBeDisabled(),
    );
    expect(
      screen.getByTitle('Notifications are turned off in this portal'),
    ).toBeInTheDocument();
  });

  it('shows why following failed', async () => {
    const { api } = fakeApi({ failFollow: true });
    await renderInTestApp(<FollowButton entityRef={REF} title="shop-web" />, {
      apis: [[statusApiRef, api]],
    });
    const notifyMe = await screen.findByRole('button', { name: 'Notify me' });
    await waitFor(() => expect(notifyMe).toBeEnabled());
    fireEvent.click(notifyMe);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You follow 200 entities already',
    );
  });
});

describe('FollowingCard', () => {
  it('lists what the user follows with its level, and stops following one', async () => {
    const { api } = fakeApi();
    await api.follow(REF);
    await api.follow('system:default/shop');
    await renderInTestApp(<FollowingCard />, {
      apis: [[statusApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const list = await screen.findByRole('list', { name: 'Followed entities' });
    expect(list).toHaveTextContent('shop-web');
    expect(list).toHaveTextContent('Degraded');
    expect(screen.getByText(/2 of at most 200/)).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Stop following shop-web' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Stop following shop-web' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText(/1 of at most 200/)).toBeInTheDocument();
  });

  it('says how to follow when the user follows nothing', async () => {
    const { api } = fakeApi();
    await renderInTestApp(<FollowingCard />, { apis: [[statusApiRef, api]] });
    expect(
      await screen.findByText(/You follow nothing yet/),
    ).toBeInTheDocument();
  });
});
