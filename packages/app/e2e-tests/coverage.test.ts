import { expect, test } from '@playwright/test';
import {
  BACKEND_URL,
  guestToken,
  signInAsGuest,
  statusHeaderLevel,
  waitForLoginOutage,
} from './signIn';

const SIMULATOR = 'http://127.0.0.1:7008';
const SCREENSHOTS = 'e2e-test-report/screenshots';
const ENTITY = 'component:default/music-playlist-service';

// Day one: the demo's PagerDuty has a service for music-playlist-service that
// no entity names. An SRE maps it on the Coverage tab, without editing YAML;
// after the catalog's next processing, the entity shows its incidents.
test.describe('the Coverage tab', () => {
  test.afterEach(async ({ request }) => {
    // leave the demo as it was for the other tests
    const token = await guestToken(request);
    await request.delete(
      `${BACKEND_URL}/api/status/mappings?entityRef=${encodeURIComponent(
        ENTITY,
      )}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
  });

  test('maps the PagerDuty service no entity names to its suggested entity, whose Status tab then shows its incidents', async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/status?tab=coverage');

    const unreferenced = page.getByRole('table', {
      name: /PagerDuty services no entity names/,
    });
    // the service's own row (other rows may suggest the entity too)
    const row = unreferenced.getByRole('row', {
      name: /^music-playlist-service\b/,
    });
    await expect(row).toContainText('name matches');
    await expect(row).toContainText('pagerduty.com/service-id: PPLAYL5');
    // what the test claims: the counts at the top, the suggestion further down
    const totals = page.getByText(/of \d+ production components are monitored/);
    await expect(totals).toBeVisible();
    await totals.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/coverage.png` });
    await unreferenced.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/coverage-suggestion.png` });

    await row
      .getByRole('button', {
        name: /^Accept: map .+ to .*music-playlist-service/,
      })
      .click();
    await expect(page.getByText(/is mapped to PPLAYL5/)).toBeVisible();

    const triggered = await request.post(`${SIMULATOR}/_control/incidents`, {
      data: {
        service: 'music-playlist-service',
        urgency: 'low',
        title: 'e2e: playlists load slowly',
      },
    });
    expect(triggered.status()).toBe(201);
    const { id } = await triggered.json();
    try {
      await page.goto(
        '/catalog/default/component/music-playlist-service/status',
      );
      // the catalog processes the entity again; the status layer follows within seconds
      await expect
        .poll(
          async () => {
            await page.reload();
            return statusHeaderLevel(page).getAttribute('data-level', {
              timeout: 15_000,
            });
          },
          { timeout: 180_000, intervals: [5_000] },
        )
        .toBe('degraded');
      await expect(
        // the incident's link (its PagerDuty alert, once read, has one too)
        page.getByRole('link', { name: /^#\d+ e2e: playlists load slowly/ }),
      ).toBeVisible();
    } finally {
      await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
    }
  });
});
