import { expect, test } from '@playwright/test';
import { signInAsGuest, statusHeaderLevel, waitForLoginOutage } from './signIn';

const SIMULATOR = 'http://127.0.0.1:7008';

// PagerDuty (the simulator) → webhook → backend → signals → the open page,
// with no reload and no polling in between (the safety poll is 60 s).
test.describe('live updates', () => {
  test('an incident triggered in PagerDuty shows on the open Status tab without a reload', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/search-service/status');
    const level = statusHeaderLevel(page);
    await expect(level).toHaveAttribute('data-level', 'operational');
    // the page must not reload: this marker would be lost
    await page.evaluate(() => ((window as any).statusE2eMarker = 'kept'));

    const triggered = await request.post(`${SIMULATOR}/_control/incidents`, {
      data: {
        service: 'search-service',
        urgency: 'high',
        priority: 'P1',
        title: 'e2e: search returns nothing',
      },
    });
    expect(triggered.status()).toBe(201);
    const { id } = await triggered.json();
    try {
      await expect(level).toHaveAttribute('data-level', 'major_outage', {
        timeout: 10_000,
      });
      await expect(
        page.getByRole('link', { name: /e2e: search returns nothing/ }),
      ).toBeVisible();
      expect(await page.evaluate(() => (window as any).statusE2eMarker)).toBe(
        'kept',
      );
    } finally {
      await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
    }
    await expect(level).toHaveAttribute('data-level', 'operational', {
      timeout: 10_000,
    });
  });
});
