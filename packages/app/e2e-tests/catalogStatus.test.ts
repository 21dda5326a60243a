import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForLoginOutage } from './signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';

// The status where people already browse: the catalog's table and graph.
test.describe('status in the catalog during the login outage', () => {
  test("the catalog table has a Status column with each row's level", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/');
    await expect(
      page.getByRole('columnheader', { name: 'Status' }),
    ).toBeVisible();
    await expect(async () => {
      await page.getByRole('menuitem', { name: /All/ }).click();
      await expect(
        page.getByRole('heading', { name: /All Components \(\d+\)/ }).last(),
      ).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    await page.getByPlaceholder('Search').fill('auth-service');
    const row = page.getByRole('row').filter({
      has: page.getByRole('link', { name: 'auth-service', exact: true }),
    });
    await expect(
      row.getByTestId('catalog-status-component:default/auth-service'),
    ).toHaveText('Major outage');
    await page.getByPlaceholder('Search').fill('shop-web');
    await expect(
      page.getByTestId('catalog-status-component:default/shop-web'),
    ).toContainText(/via an upstream$/);
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-status-column.png` });
  });

  test("the catalog graph on an entity's overview draws each node in its level", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/auth-service');
    const self = page.locator('[data-testid="graph-node-auth-service"]');
    await expect(self).toHaveAttribute('data-level', 'major_outage');
    await expect(self.locator('title')).toHaveText(
      'auth-service: Major outage',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-graph-status.png` });
  });
});
