import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';

const REPORT = 'e2e-test-report/accessibility';

/** The plugin's own markup: Backstage's sidebar, headers and tabs are not ours to fix. */
export const PLUGIN_MARKUP = '[data-status-layer]';

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the plugin's markup of the page
 * as it is now; writes what it found to the report and returns one line per
 * violating node, so that a failure names the rule and the element.
 */
export async function violationsOn(
  page: Page,
  name: string,
): Promise<string[]> {
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
