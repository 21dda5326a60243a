import { expect, test } from '@playwright/test';
import {
  expectGraphLaidOut,
  signInAsGuest,
  waitForLoginOutage,
} from './signIn';

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
    const authCell = row.getByTestId(
      'catalog-status-component:default/auth-service',
    );
    // a short word on screen, the full name for screen readers and on hover
    await expect(authCell).toContainText('Outage');
    await expect(authCell).toContainText('Major outage');
    await expect(authCell.locator('[data-level="major_outage"]')).toBeVisible();
    await page.getByPlaceholder('Search').fill('shop-web');
    const shopCell = page.getByTestId(
      'catalog-status-component:default/shop-web',
    );
    await expect(shopCell).toContainText(/via an upstream/);
    // its error budget, once kept (every 30 s): the whole in a tooltip
    await expect(async () => {
      await page.reload();
      await page.getByPlaceholder('Search').fill('shop-web');
      await expect(shopCell.getByTestId('budget-badge')).toBeVisible({
        timeout: 3_000,
      });
    }).toPass({ timeout: 60_000 });
    const badge = shopCell.getByTestId('budget-badge');
    await expect(badge).toContainText(/(% budget|budget spent)/);
    await badge.hover();
    await expect(page.getByRole('tooltip')).toContainText(
      /^Error budget left: -?[\d.,]+ % \(99\.9 % up over 30 days\)\. Used by its own downtime: [\d.,]+ %; by upstreams: [\d.,]+ %\. Most by auth-service/,
    );
    // one line at the catalog's default width: no taller than its icon
    const height = (await shopCell.boundingBox())!.height;
    expect(height).toBeLessThan(28);
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
    await expectGraphLaidOut(self);
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-graph-status.png` });
  });
});
