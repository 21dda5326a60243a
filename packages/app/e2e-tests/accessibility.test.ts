import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { openEverySection, signInAsGuest, waitForLoginOutage } from './signIn';

const REPORT = 'e2e-test-report/accessibility';

/** The plugin's own markup: Backstage's sidebar, headers and tabs are not ours to fix. */
const PLUGIN_MARKUP = '[data-status-layer]';

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the plugin's markup of the page
 * as it is now; writes what it found to the report and returns one line per
 * violating node, so that a failure names the rule and the element.
 */
async function violationsOn(page: Page, name: string): Promise<string[]> {
  await expect(page.locator(PLUGIN_MARKUP).first()).toBeVisible();
  const results = await new AxeBuilder({ page })
    .include(PLUGIN_MARKUP)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  await mkdir(REPORT, { recursive: true });
  await writeFile(
    `${REPORT}/${name}.json`,
    JSON.stringify(
      { url: page.url(), violations: results.violations },
      null,
      2,
    ),
  );
  return results.violations.flatMap(v =>
    v.nodes.map(
      n => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`,
    ),
  );
}

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
