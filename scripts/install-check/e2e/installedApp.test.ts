import { expect, test } from '@playwright/test';
import {
  sidebar,
  signInAsGuest,
  waitForRootCause,
} from '../../../packages/app/e2e-tests/signIn';
import { expectTeamsCardFrom } from './teamsCard';

// A Backstage app scaffolded from the template, with our packages installed
// from their tarballs by following the install guide, against the simulator.
// run.sh opened a high-urgency incident on auth-service; shop-web (owned by
// the signed-in user's team) reaches it through its dependencies.
test.describe('the packages installed into a scaffolded app', () => {
  test.beforeEach(async ({ page, request }) => {
    // the backend reads the catalog and PagerDuty within seconds of start-up;
    // wait until the incident has reached shop-web through the graph
    await waitForRootCause(
      request,
      'component/default/shop-web',
      'component:default/auth-service',
    );
    await signInAsGuest(page);
  });

  test("the e-commerce team's Teams channel gets the outage's card, through the Teams module", async ({
    request,
    baseURL,
  }) => {
    await expectTeamsCardFrom(request, baseURL!);
  });

  test('the overview card and the Status tab explain the impact', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/shop-web');
    await expect(
      page.getByText(/impacted by auth-service/).first(),
    ).toBeVisible();
    await page.getByRole('link', { name: /Open the Status tab/ }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/shop-web\/status$/,
    );
    await expect(page.getByTestId('status-explanation')).toHaveText(
      /impacted by auth-service/,
    );
    const path = page.getByLabel(/^Dependency path:/).first();
    await expect(path.getByRole('link').last()).toHaveText('auth-service');
    await expect(
      page.getByRole('list', { name: /^On call for / }).first(),
    ).toBeVisible();
  });

  test('the dashboard lists the outage, reached from the sidebar', async ({
    page,
  }) => {
    // the nav item comes with the plugin: the scaffolded sidebar lists it
    // among "the rest" of the pages
    await sidebar(page)
      .getByRole('link', { name: 'Status', exact: true })
      .click();
    await expect(page).toHaveURL(/\/status$/);
    await expect(
      page.getByText('Sign-in fails for every user').first(),
    ).toBeVisible();
    // one row for the outage, opened to its links
    const row = page.getByTestId('problem-component:default/auth-service');
    await expect(row).toBeVisible();
    await row.getByRole('button').first().click();
    await expect(
      row.getByRole('link', { name: 'auth-service' }).first(),
    ).toBeVisible();
  });

  test("the home-page card lists the user's services that are not operational", async ({
    page,
  }) => {
    await page.goto('/home');
    const list = page.getByRole('list', { name: 'Not operational' });
    await expect(list).toBeVisible();
    await expect(list).toContainText('cart-api');
    await expect(list).toContainText('because of auth-service');
  });
});
