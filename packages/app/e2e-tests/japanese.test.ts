// The test reads the plugin's own message files (not part of its package's
// exports) to know every English word the pages could show; tests are never
// packaged, so the relative imports cannot break a build.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { expect, Page, test } from '@playwright/test';
import { writeFile, mkdir } from 'node:fs/promises';
import {
  DISPLAY_LEVEL_LABELS,
  STATUS_EXPLANATION_MESSAGES,
} from '@status-layer/plugin-status-common';
import { COVERAGE_MESSAGES } from '../../../plugins/status/src/translations/coverage';
import { DASHBOARD_MESSAGES } from '../../../plugins/status/src/translations/dashboard';
import { DEPENDENCY_MESSAGES } from '../../../plugins/status/src/translations/dependencies';
import { FILTER_MESSAGES } from '../../../plugins/status/src/translations/filters';
import { HISTORY_MESSAGES } from '../../../plugins/status/src/translations/history';
import { LEVEL_SHORT_MESSAGES } from '../../../plugins/status/src/translations/levels';
import { SHARED_MESSAGES } from '../../../plugins/status/src/translations/shared';
import { STATUS_TAB_MESSAGES } from '../../../plugins/status/src/translations/statusTab';
import { TIMELINE_MESSAGES } from '../../../plugins/status/src/translations/timeline';
import { signInAsGuest, waitForLoginOutage } from './signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';

/**
 * The plugin's English words, as fragments between placeholders: a page in
 * Japanese must show none of them. Fragments of a few letters ("OK", "via")
 * and words that stay the same in Japanese (product names) are left out.
 */
const englishFragments = (() => {
  const messages = [
    DISPLAY_LEVEL_LABELS,
    LEVEL_SHORT_MESSAGES,
    STATUS_EXPLANATION_MESSAGES,
    COVERAGE_MESSAGES,
    DASHBOARD_MESSAGES,
    DEPENDENCY_MESSAGES,
    FILTER_MESSAGES,
    HISTORY_MESSAGES,
    SHARED_MESSAGES,
    STATUS_TAB_MESSAGES,
    TIMELINE_MESSAGES,
  ].flatMap(m => Object.values(m as Record<string, string>));
  return [
    ...new Set(
      messages
        .flatMap(text => text.split(/\{\{[^}]+\}\}/))
        .map(fragment =>
          fragment.trim().replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''),
        )
        // two words or more, so a product or field name alone never counts
        .filter(fragment => /[a-z]{2,}\s+[a-z]{2,}/i.test(fragment)),
    ),
  ];
})();

/** The English fragments of the plugin on the page's plugin markup. */
async function englishOn(page: Page): Promise<string[]> {
  const text = (await page.locator('[data-status-layer]').allInnerTexts()).join(
    '\n',
  );
  return englishFragments.filter(fragment => text.includes(fragment));
}

// The demo runs the auth-outage scenario; the reader chose Japanese.
test.describe('the plugin in Japanese', () => {
  test.beforeEach(async ({ page, request }) => {
    await waitForLoginOutage(request);
    await page.addInitScript(() =>
      window.localStorage.setItem('language', 'ja'),
    );
    await signInAsGuest(page);
  });

  test('the Status tab and the dashboard show no English word of the plugin', async ({
    page,
  }) => {
    expect(englishFragments.length).toBeGreaterThan(100);
    const found: Record<string, string[]> = {};

    await page.goto('/catalog/default/component/shop-web/status');
    await expect(page.getByTestId('status-explanation')).toContainText(
      'auth-service',
    );
    // the level's name is Japanese
    await expect(page.getByTestId('status-explanation')).toContainText(
      '性能低下',
    );
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    found['shop-web'] = await englishOn(page);
    await page.screenshot({
      path: `${SCREENSHOTS}/status-tab-japanese.png`,
      fullPage: true,
    });

    await page.goto('/status');
    await expect(
      page.getByTestId('problem-component:default/auth-service'),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    found.dashboard = await englishOn(page);
    await page.screenshot({
      path: `${SCREENSHOTS}/status-page-japanese.png`,
      fullPage: true,
    });

    // the incidents with past major incidents, and one incident's timeline
    await page.goto('/status?tab=incidents');
    await expect(
      page.getByRole('table', { name: '過去の重大インシデント' }),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    found.incidents = await englishOn(page);
    await page
      .getByRole('link', { name: 'タイムライン', exact: true })
      .first()
      .click();
    await expect(
      page.getByRole('list', { name: 'タイムライン' }),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    found.timeline = await englishOn(page);
    await page.screenshot({
      path: `${SCREENSHOTS}/incident-timeline-japanese.png`,
      fullPage: true,
    });

    await mkdir('e2e-test-report', { recursive: true });
    await writeFile(
      'e2e-test-report/japanese-english-left.json',
      JSON.stringify(found, null, 2),
    );
    expect(found).toEqual({
      'shop-web': [],
      dashboard: [],
      incidents: [],
      timeline: [],
    });
  });
});
