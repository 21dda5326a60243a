import { expect, test } from '@playwright/test';
import { PLUGIN_MARKUP, violationsOn } from './axe';
import { openEverySection, signInAsGuest, waitForLoginOutage } from './signIn';

// The demo runs the auth-outage scenario, so that every level shows.
test.describe('WCAG 2.1 AA (axe-core) on the plugin during the login outage', () => {
  test.beforeEach(async ({ page, request }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
  });

  const dashboardTabs: [string, RegExp][] = [
    ['broken', /affecting \d+ other entities/],
    ['everything', /auth-service/],
    ['incidents', /auth-service/],
    ['map', /auth-service/],
    ['response', /Incident response|Team/],
    ['unmatched', /./],
    ['coverage', /./],
    ['following', /./],
  ];
  for (const [tab, shows] of dashboardTabs)
    test(`the dashboard's ${tab} tab`, async ({ page }) => {
      await page.goto(`/status?tab=${tab}`);
      await expect(page.locator(PLUGIN_MARKUP)).toContainText(shows);
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      expect(await violationsOn(page, `dashboard-${tab}`)).toEqual([]);
    });

  const entityPages: [string, string, RegExp][] = [
    ['shop-web', '/catalog/default/component/shop-web/status', /auth-service/],
    [
      'auth-service',
      '/catalog/default/component/auth-service/status',
      /Major outage/,
    ],
    ['a System', '/catalog/default/system/identity/status', /auth-service/],
    ['a Group', '/catalog/default/group/ecommerce/status', /auth-service/],
  ];
  for (const [name, path, shows] of entityPages)
    test(`the Status tab of ${name}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator(PLUGIN_MARKUP)).toContainText(shows, {
        timeout: 60_000,
      });
      // every section open, so that all of the tab is audited
      await openEverySection(page);
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      expect(
        await violationsOn(page, `status-${name.replace(/\W+/g, '-')}`),
      ).toEqual([]);
    });
});
