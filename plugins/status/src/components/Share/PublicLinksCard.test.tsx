import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { StatusApi, statusApiRef } from '../../api';
import { PublicLinksCard } from './PublicLinksCard';

const BADGE =
  'http://localhost:7007/api/status/public/badges/component/default/cart-api.svg?token=abc';

describe('PublicLinksCard', () => {
  it('gives a status admin the badge snippet and the feed address', async () => {
    const api: Partial<StatusApi> = {
      getPublicLinks: async () => ({
        public: false,
        available: true,
        badgeUrl: BADGE,
        feedUrl: BADGE.replace('badges', 'feeds').replace('.svg', '.atom'),
      }),
    };
    await renderInTestApp(
      <PublicLinksCard
        entityRef="component:default/cart-api"
        title="cart-api"
      />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    expect(await screen.findByText(`![status](${BADGE})`)).toBeInTheDocument();
    expect(screen.getByAltText('Status of cart-api')).toHaveAttribute(
      'src',
      BADGE,
    );
    expect(screen.getByText(/share them with care/)).toBeInTheDocument();
  });

  it('shows nothing to anyone else', async () => {
    let asked = false;
    const api: Partial<StatusApi> = {
      getPublicLinks: async () => {
        asked = true;
        return undefined;
      },
    };
    await renderInTestApp(
      <PublicLinksCard
        entityRef="component:default/cart-api"
        title="cart-api"
      />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    await waitFor(() => expect(asked).toBe(true));
    expect(screen.queryByText('Badge and feed')).not.toBeInTheDocument();
  });

  it('says why when the addresses cannot be read', async () => {
    const api: Partial<StatusApi> = {
      getPublicLinks: async () => {
        throw new Error('the status backend answered 503');
      },
    };
    await renderInTestApp(
      <PublicLinksCard
        entityRef="component:default/cart-api"
        title="cart-api"
      />,
      { apis: [[statusApiRef, api as StatusApi]] },
    );
    expect(
      await screen.findByText(/Could not load the badge and feed addresses/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/the status backend answered 503/).length,
    ).toBeGreaterThan(0);
  });
});
