import { expect, test } from '@playwright/test';
import { sidebar, signInAsGuest, statusHeaderLevel } from './signIn';

test.describe('the portal', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('the catalog lists the demo organisation', async ({ page }) => {
    await page.goto('/');
    // the guest owns the e-commerce components; show everything
    const heading = page
      .getByRole('heading', { name: /All Components \(\d+\)/ })
      .last();
    // a click while the picker still loads its counts can be lost: click until it takes
    await expect(async () => {
      await page.getByRole('menuitem', { name: /All/ }).click();
      await expect(heading).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    const total = (await heading.innerText()).match(/\((\d+)\)/)?.[1];
    expect(Number(total)).toBeGreaterThanOrEqual(60);
    await page.getByPlaceholder('Search').fill('auth-service');
    await expect(
      page.getByRole('link', { name: 'auth-service', exact: true }),
    ).toBeVisible();
  });

  test('a Component page has a Status tab that reads the backend', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/cart-api');
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Status', exact: true })
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/cart-api\/status/,
    );
    await expect(page.getByTestId('status-explanation')).toBeVisible();
    // its own signals, owner and on-call: a section, closed while quiet
    await expect(
      page.getByRole('button', { name: /^Own signals, owner and on-call/ }),
    ).toBeVisible();
    // its critical dependency is listed with its level
    await expect(
      page.getByRole('link', { name: 'membership-api' }).first(),
    ).toBeVisible();
  });

  test('an entity without a PagerDuty service shows how to annotate it', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/tutor-matching/status');
    await expect(statusHeaderLevel(page)).toHaveAttribute(
      'data-level',
      'not_monitored',
    );
    await expect(
      page.getByText(/pagerduty\.com\/service-id/).first(),
    ).toBeVisible();
  });

  test('the Status page is in the sidebar and loads', async ({ page }) => {
    await sidebar(page)
      .getByRole('link', { name: 'Status', exact: true })
      .click();
    await expect(page).toHaveURL(/\/status$/);
    // demo mode: no PagerDuty token, so the page must say its data is simulated
    await expect(page.getByText('Simulated data')).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Entities per level' }),
    ).toBeVisible();
  });
});
