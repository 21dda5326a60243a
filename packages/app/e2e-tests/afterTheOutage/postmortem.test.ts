import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { violationsOn } from '../axe';
import { openSection, signInAsGuest, waitForLoginOutage } from '../signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';
const SIMULATOR = 'http://127.0.0.1:7008';

// Runs after every other end-to-end test (its own Playwright project, which
// depends on theirs): it resolves the demo's login outage, which they read.
test.describe('after the login outage', () => {
  // the sync reads PagerDuty's log of major incidents a few per minute
  test.describe.configure({ timeout: 240_000 });
  test('the predecessor twelve days ago shows its postmortem, linked in a note', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/auth-service/status');
    await openSection(page, 'similar');
    const past = page.getByRole('listitem', {
      name: /^Past incident: Login failing: auth-service answers 502/,
    });
    await past.getByRole('link', { name: 'Timeline' }).click();
    await expect(page).toHaveURL(/\/status\/incidents\/default\/P\w+$/);
    await expect(
      page.getByRole('heading', {
        name: /^Incident #\d+: Login failing: auth-service answers 502/,
      }),
    ).toBeVisible();
    // its log is read by the sync after the backfill brought the incident
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('link', {
          name: /^Postmortem: login failing after the certificate rotation/,
        }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 150_000 });
    await expect(
      page.getByText('linked in a note on the incident'),
    ).toBeVisible();
  });

  test('resolving the outage completes its timeline, and the postmortem drafts itself from it', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    // reached from the incident where the Status tab shows it
    await page.goto('/catalog/default/component/auth-service/status');
    await openSection(page, 'own-signals');
    await page
      .getByRole('link', { name: 'Timeline', exact: true })
      .first()
      .click();
    await expect(page).toHaveURL(/\/status\/incidents\/default\/P\w+$/);
    const timelineUrl = page.url();
    await expect(
      page.getByRole('heading', {
        name: /^Incident #\d+: Login failing: auth-service answers 503/,
      }),
    ).toBeVisible();
    await expect(
      page.getByText('A postmortem can be drafted once the incident resolves.'),
    ).toBeVisible();
    expect(await violationsOn(page, 'incident-timeline')).toEqual([]);

    // as `yarn demo resolve auth-service` does
    const resolved = await request.post(
      `${SIMULATOR}/_control/services/auth-service/resolve`,
    );
    expect(resolved.ok()).toBe(true);

    // the pasted URL opens the same incident; each dependent recovers, and
    // the sync after the resolution completes PagerDuty's log
    const entries = page.getByRole('list', { name: 'Timeline' });
    await expect(async () => {
      await page.goto(timelineUrl);
      await expect(
        entries.locator('li[data-kind="resolved"]').first(),
      ).toBeVisible({ timeout: 5_000 });
      await expect(
        entries.locator('li[data-kind="recovered"]').first(),
      ).toBeVisible({ timeout: 5_000 });
      await expect(
        page.getByText(/log was last read .* before the incident resolved/),
      ).toHaveCount(0);
      await expect(
        page.getByText(/log of this incident has not been read/),
      ).toHaveCount(0);
    }).toPass({ timeout: 180_000 });
    const kinds = await entries
      .locator('li')
      .evaluateAll(items => items.map(i => i.getAttribute('data-kind')));
    // the deploy six minutes before, then PagerDuty's log, the note, the impact
    expect(kinds.indexOf('change')).toBeLessThan(kinds.indexOf('triggered'));
    expect(kinds).toEqual(
      expect.arrayContaining([
        'acknowledged',
        'note',
        'status_update',
        'impact',
        'resolved',
        'recovered',
      ]),
    );
    const impact = page.getByRole('table', { name: 'Impact' });
    await expect(impact).toContainText('shop-web');
    await expect(page.getByText('No postmortem yet')).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/incident-timeline.png`,
      fullPage: true,
    });

    await page.getByRole('button', { name: 'Draft a postmortem' }).click();
    const dialog = page.getByRole('dialog', { name: 'Postmortem draft' });
    const draft = await dialog
      .getByLabel('Postmortem draft in Markdown')
      .inputValue();
    for (const part of [
      /^# Postmortem: Login failing: auth-service answers 503/,
      /## Impact\n\nUsers were affected for /,
      /- shop-web: .* for .*\(via auth-service → .* → shop-web\)/,
      /## Detection\n\nFirst signal: /,
      /Time to acknowledge: 1 min\./,
      /## Trigger\n\nThe last change before it: Deployed auth-service v2\.14\.0/,
      /## Resolution\n\nResolved at /,
      /\| .* \| Note: Rolling auth-service back to v2\.13\.4/,
      /## Lessons learned/,
      /## Action items/,
    ])
      expect(draft).toMatch(part);
    await dialog.screenshot({ path: `${SCREENSHOTS}/postmortem-draft.png` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^postmortem-P\w+\.md$/);
    expect(await readFile((await download.path())!, 'utf8')).toBe(draft);
  });
});
