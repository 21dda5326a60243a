import { expect, test } from '@playwright/test';
import {
  expectGraphLaidOut,
  signInAsGuest,
  waitForLoginOutage,
} from './signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';

// The demo runs the auth-outage scenario: the login service is down.
test.describe('the company status page during the login outage', () => {
  test.beforeEach(async ({ page, request }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
  });

  test('shows the outage as one root cause with its impacted count, and leads to the Status tab', async ({
    page,
  }) => {
    await page.goto('/status');
    await expect(page.getByRole('status').first()).toContainText(
      /major outage.* affecting \d+ other entities/,
    );
    const auth = page.getByTestId('problem-component:default/auth-service');
    await expect(auth).toContainText(/\d+ impacted/);
    const impactedCount = Number(
      (await auth.innerText()).match(/(\d+) impacted/)![1],
    );
    expect(impactedCount).toBeGreaterThan(10);
    // the maintenance planned in the demo, with the service it covers
    await expect(
      page.getByRole('list', { name: 'Company maintenance' }),
    ).toContainText(/PlannedSearch cluster upgrade: .+search-service/);
    // one row for the outage, not one per impacted service
    expect(await page.getByTestId(/^problem-/).count()).toBeLessThan(
      impactedCount,
    );
    await page.screenshot({
      path: `${SCREENSHOTS}/status-page-light.png`,
      fullPage: true,
    });

    await auth.getByRole('button').first().click();
    const impacted = page.getByRole('list', {
      name: 'Impacted by component:default/auth-service',
    });
    await expect(impacted.getByRole('listitem')).toHaveCount(
      Math.min(impactedCount, 10),
    );

    await page.getByRole('tab', { name: 'Dependency map' }).click();
    await expect(page).toHaveURL(/tab=map/);
    const authNode = page.locator('[data-testid="graph-node-auth-service"]');
    await expect(authNode).toHaveAttribute('data-level', 'major_outage');
    await expectGraphLaidOut(authNode);
    await page.screenshot({
      path: `${SCREENSHOTS}/status-page-map.png`,
      fullPage: true,
    });
    // a node is reached by keyboard, and Enter opens that entity's Status tab
    await authNode.focus();
    await expect(authNode).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/auth-service\/status$/,
    );
    await expect(page.getByTestId('status-explanation')).toHaveText(
      /^Major outage/,
    );
  });

  test("shows each team's incident response, from the incidents read from PagerDuty", async ({
    page,
  }) => {
    await page.goto('/status?tab=response');
    const table = page.getByRole('table', {
      name: 'Incident response per team',
    });
    const platform = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Shared Platform' }) });
    // the demo's 90 days of history, backfilled on the first start
    await expect(platform).toContainText(
      /\d+ \(before: \d+\)\d+ (min|h).*\d+ (min|h)/,
    );
    await page.getByRole('button', { name: /Last 30 days/ }).click();
    await page.getByRole('option', { name: 'Last 90 days' }).click();
    await expect(page.getByText(/created in the last 90 days/)).toBeVisible();
  });

  test('filters by owner through the URL, and a click reaches the Status tab', async ({
    page,
  }) => {
    await page.goto('/status?tab=everything&group=flat');
    const list = page.getByTestId('everything-list');
    // the backend pages the rows: wait for the first page's count
    await expect(list).toHaveAttribute('data-rows', /^\d+$/);
    const all = Number(await list.getAttribute('data-rows'));
    expect(all).toBeGreaterThan(100);

    await page.getByLabel('Owner').click();
    await page.getByRole('option', { name: 'platform' }).click();
    await expect(page).toHaveURL(/owner=group%3Adefault%2Fplatform/);
    await expect(list).not.toHaveAttribute('data-rows', String(all));
    const platformRows = Number(await list.getAttribute('data-rows'));
    expect(platformRows).toBeGreaterThan(0);
    expect(platformRows).toBeLessThan(all);
    await expect(list.getByRole('listitem').first()).toContainText(
      'auth-service',
    );

    // the same view from a shared link
    await page.reload();
    await expect(list).toHaveAttribute('data-rows', String(platformRows));

    await list.getByRole('link', { name: 'auth-service' }).first().click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/auth-service/);
  });

  test("shows the guest's team and everything it depends on", async ({
    page,
  }) => {
    await page.goto('/status?tab=everything&mine=true&group=owner');
    await expect(
      page.getByText(/your teams: group:default\/ecommerce/),
    ).toBeVisible();
    // e-commerce depends on the login service, so it is in the view
    await page.getByRole('textbox', { name: 'Search' }).fill('auth-service');
    // the rows on screen stay until the backend's filtered page replaces them
    await expect(page.getByText(/^1 of \d+ entities/)).toBeVisible();
    await expect(
      page
        .getByTestId('everything-list')
        .getByRole('link', { name: 'auth-service' }),
    ).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/status-page-my-teams.png`,
      fullPage: true,
    });
  });
});
