import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForLoginOutage } from './signIn';

// The demo runs the auth-outage scenario: the login service is down, and the
// guest belongs to the e-commerce team, whose services depend on it.
test.describe('the home-page card during the login outage', () => {
  test.beforeEach(async ({ page, request }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
  });

  test("lists the guest's services that are not operational, with the root cause", async ({
    page,
  }) => {
    await page.goto('/home');
    await expect(page.getByText('My services not operational')).toBeVisible();
    const list = page.getByRole('list', { name: 'Not operational' });
    await expect(list).toBeVisible();
    await expect(list.getByRole('listitem').first()).toContainText(
      /Major outage|Partial outage|Degraded/,
    );
    await expect(list).toContainText('because of auth-service');
  });
});
