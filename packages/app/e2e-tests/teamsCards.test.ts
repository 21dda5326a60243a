import { expect, test } from '@playwright/test';
import { waitForLoginOutage } from './signIn';

const SIMULATOR = 'http://127.0.0.1:7008';
const SCREENSHOTS = 'e2e-test-report/screenshots';

// The e-commerce Group names its Teams channel's workflow (examples/org.yaml);
// the demo posts to the simulator's, which validates every card it takes.
test.describe("the e-commerce team's Teams channel during the login outage", () => {
  test('gets one card for the outage, naming nothing while some members were never served', async ({
    page,
    request,
  }) => {
    // the notifier runs every 15 s; the demo tells outages older than 30 s
    test.setTimeout(150_000);
    await waitForLoginOutage(request);
    let card: any;
    await expect(async () => {
      const response = await request.get(
        `${SIMULATOR}/_control/teams/cards?workflow=ecommerce-team`,
      );
      expect(response.ok()).toBe(true);
      const { cards } = await response.json();
      card = cards
        .map((c: any) => c.card)
        .find((c: any) =>
          JSON.stringify(c.body).includes('An upstream outage affects'),
        );
      expect(card).toBeDefined();
    }).toPass({ timeout: 120_000, intervals: [5_000] });
    const [header] = card.body;
    expect(header.items.map((item: any) => item.text)).toEqual([
      'Normal',
      'An upstream outage affects entities your team owns',
    ]);
    expect(card.body[1].text).toContain(
      'not every member of the team has opened the status page yet',
    );
    // the link is absolute, to the status page where each reader's own
    // permissions decide what they see
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.OpenUrl',
        title: 'Open in Backstage',
        url: expect.stringMatching(/^http:\/\/[^/]+\/status$/),
      }),
    ]);
    // the members other than the guest never opened a status page: no name
    // of the outage reaches the channel
    expect(JSON.stringify(card)).not.toMatch(
      /auth-service|cart-api|shop-web|membership-api|platform/,
    );

    // as the channel shows it
    await page.goto(`${SIMULATOR}/web/teams`);
    await expect(
      page
        .getByRole('article')
        .filter({ hasText: 'An upstream outage affects' })
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/teams-card.png`,
      fullPage: true,
    });
  });
});
