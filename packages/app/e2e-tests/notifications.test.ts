import { expect, test } from '@playwright/test';
import { sidebar, signInAsGuest, waitForLoginOutage } from './signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';

// The demo runs the auth-outage scenario: auth-service is down; the guest is
// in the e-commerce team, whose cart-api and shop-web depend on it.
test.describe('notifications, updates and symptoms during the login outage', () => {
  test('the bell tells the guest which of their services the upstream outage reaches, and whom to contact', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    // a page of the status layer records what the guest may read
    await page.goto('/catalog/default/component/cart-api/status');
    await expect(page.getByTestId('status-explanation')).toBeVisible();

    // the notifier runs every 15 s; the demo tells outages older than 30 s
    await expect(async () => {
      await page.goto('/notifications');
      await expect(
        page.getByText(/affected by auth-service \(major outage\)/).first(),
      ).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 80_000, intervals: [5_000] });
    const notification = page
      .getByText(/affected by auth-service \(major outage\)/)
      .first();
    await expect(
      page.getByText(/auth-service has been in major outage since/).first(),
    ).toBeVisible();
    // the list shows the start of the text; the rest on request (the list
    // may re-render as notifications arrive: expand until it shows)
    await expect(async () => {
      await page.getByRole('button', { name: 'Show more' }).first().click();
      await expect(
        page.getByText(/Affected: cart-api \(major outage\) via /).first(),
      ).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(
      page.getByText(/Owner: [^.]+\(#platform-oncall/).first(),
    ).toBeVisible();
    await expect(page.getByText(/On call: [^.]+\(/).first()).toBeVisible();
    // the sidebar's bell counts it as unread
    await expect(
      sidebar(page).getByRole('link', { name: /Notifications/ }),
    ).toContainText(/[1-9]/);
    await page.screenshot({
      path: `${SCREENSHOTS}/notifications.png`,
      fullPage: true,
    });
    // it leads to the Status tab of the guest's impacted service
    await notification.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/[\w-]+\/status$/,
    );
  });

  test("the bell tells the guest once that shop-web's error budget burns fast, inherited from auth-service", async ({
    page,
    request,
  }) => {
    // budgets are kept every 30 s: up to two runs before the named text
    test.setTimeout(180_000);
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    // a page of the status layer records what the guest may read
    await page.goto('/catalog/default/component/shop-web/status');
    await expect(page.getByTestId('status-explanation')).toBeVisible();
    // a burn is told once, by name once the reader was served
    const burn = page.getByText(
      'shop-web: error budget burning fast (inherited)',
    );
    await expect(async () => {
      await page.goto('/notifications');
      await expect(burn.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 120_000, intervals: [5_000] });
    await expect(burn).toHaveCount(1);
    await expect(
      page
        .getByText(/^At the last hour's pace, the error budget of shop-web/)
        .first(),
    ).toBeVisible();
  });

  test("the Status tab shows the upstream's status update and note, groups cart-api's incident under it, and lets the guest follow", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/cart-api/status');
    // cart-api's own incident opened 20 s after auth-service's P1
    await expect(page.getByTestId('probable-symptom').first()).toContainText(
      /Probable symptom of “Login failing: auth-service answers 503 on \/oauth\/token”: Opened (within a minute of|\d+ min after) auth-service's incident #\d+; cart-api depends on auth-service/,
    );
    // the responder's note and the status update arrive by webhook within the first minute
    const updates = page.getByRole('list', {
      name: /^Updates on Login failing: auth-service answers 503/,
    });
    await expect(updates.first()).toContainText(
      /Status update by .+Sign-in fails for about 30% of users/,
      { timeout: 80_000 },
    );
    await expect(updates.first()).toContainText(
      'Rolling auth-service back to v2.13.4',
    );

    const follow = page.getByRole('button', { name: 'Notify me' });
    await follow.click();
    await expect(
      page.getByRole('button', { name: 'Following' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await page.goto('/status?tab=following');
    await expect(
      page.getByRole('list', { name: 'Followed entities' }),
    ).toContainText('cart-api');
    await page.getByRole('button', { name: 'Stop following cart-api' }).click();
    await expect(page.getByText(/You follow nothing yet/)).toBeVisible();

    // the company-wide feed shows one problem with its symptoms under it
    await page.goto('/status?tab=incidents');
    await expect(
      page.getByRole('list', {
        name: /^Probable symptoms of Login failing: auth-service answers 503/,
      }),
    ).toContainText('Cart requests failing');
  });
});
