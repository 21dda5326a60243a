import { expect, test } from '@playwright/test';
import { violationsOn } from '../axe';
import { BACKEND_URL, guestToken, openSection, signInAsGuest } from '../signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';
const SIMULATOR = 'http://127.0.0.1:7008';
const SIMULATOR_HEADERS = {
  Authorization: 'Token token=simulator-token',
  Accept: 'application/vnd.pagerduty+json;version=2',
  'Content-Type': 'application/json',
};

// Opens an incident in the demo's PagerDuty, so it runs after the tests that
// read the demo as it starts (its own project, after the outage's).
test.describe('reporting a problem', () => {
  test('a guest reports an operational upstream of shop-web, sees the new incident, and a second report joins it instead of paging again', async ({
    page,
    request,
  }) => {
    // the status engine has read the catalog: the upstream is one of shop-web's
    const token = await guestToken(request);
    await expect
      .poll(
        async () => {
          const response = await request.get(
            `${BACKEND_URL}/api/status/reports/target?target=component:default/product-catalog-api&affected=component:default/shop-web`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          return response.ok() ? (await response.json()).path.length : 0;
        },
        { timeout: 90_000, intervals: [2_000] },
      )
      .toBe(2);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/shop-web/status');
    await openSection(page, 'upstreams');
    await page.getByRole('button', { name: /^All \d+ upstreams$/ }).click();
    const all = page.getByRole('list', {
      name: 'All upstreams, nearest first',
    });
    await all
      .getByRole('button', {
        name: 'Report a problem with product-catalog-api',
      })
      .click();

    const dialog = page.getByRole('dialog', {
      name: 'Report a problem with product-catalog-api',
    });
    await expect(
      dialog.getByText('You report it as the owner of shop-web.'),
    ).toBeVisible();
    await expect(
      dialog
        .getByLabel(/^Dependency path:/)
        .getByRole('link')
        .first(),
    ).toHaveText('shop-web');
    const urgency = dialog.getByRole('radiogroup');
    await expect(urgency.getByRole('radio', { name: /^Low/ })).toBeChecked();
    await dialog
      .getByRole('textbox', { name: /What do you see/ })
      .fill('Product pages answer 504 for about a third of requests');
    expect(await violationsOn(page, 'report-problem-dialog')).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/report-problem.png` });
    await dialog.getByRole('button', { name: 'Open an incident' }).click();
    const sent = dialog.getByRole('status');
    await expect(sent).toHaveText(
      /^Incident #\d+ is open; its on-call is being paged\.$/,
    );
    const number = /#(\d+)/.exec((await sent.textContent())!)![1];

    // in PagerDuty, from the guest, with the path and what they see
    const listed = await request.get(
      `${SIMULATOR}/incidents?statuses[]=triggered`,
      { headers: SIMULATOR_HEADERS },
    );
    const incident = (await listed.json()).incidents.find(
      (i: any) => String(i.incident_number) === number,
    );
    expect(incident.title).toBe(
      'product-catalog-api: Product pages answer 504 for about a third of requests (reported from shop-web)',
    );
    expect(incident.urgency).toBe('low');
    expect(incident.last_status_change_by.summary).toBe('Guest');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // the upstream's own Status tab shows it at once
    await page.goto('/catalog/default/component/product-catalog-api/status');
    await openSection(page, 'own-signals');
    await expect(
      page.getByRole('link', {
        name: new RegExp(`^#${number} product-catalog-api: Product pages`),
      }),
    ).toBeVisible();

    // a second report offers the open incident instead of a new page
    await page
      .getByRole('button', {
        name: 'Report a problem with product-catalog-api',
      })
      .first()
      .click();
    const again = page.getByRole('dialog', {
      name: 'Report a problem with product-catalog-api',
    });
    await expect(again.getByText(/^Someone is already on it/)).toBeVisible();
    await expect(
      again.getByRole('button', { name: 'Open an incident' }),
    ).toHaveCount(0);
    await again
      .getByRole('textbox', { name: /What do you see/ })
      .fill('Search results show no prices either');
    await again
      .getByRole('button', { name: `Add my report to #${number}` })
      .click();
    await expect(again.getByRole('status')).toHaveText(
      `Your report was added to incident #${number}.`,
    );
    const notes = await request.get(
      `${SIMULATOR}/incidents/${incident.id}/notes`,
      { headers: SIMULATOR_HEADERS },
    );
    expect((await notes.json()).notes.map((n: any) => n.content)).toEqual([
      'Also seen: Search results show no prices either\n\nReported in Backstage by Guest <guest@meridian.example>.',
    ]);
  });
});
