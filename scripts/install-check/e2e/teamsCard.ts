import { APIRequestContext, expect } from '@playwright/test';

const SIMULATOR = 'http://127.0.0.1:7008';

/**
 * Waits until the simulator's `ecommerce-team` workflow took the outage's
 * card from the app at `baseUrl` (its button links there: both apps post to
 * the same workflow), and checks it names nothing: the team's members never
 * opened a status page.
 */
export async function expectTeamsCardFrom(
  request: APIRequestContext,
  baseUrl: string,
): Promise<void> {
  await expect(async () => {
    const response = await request.get(
      `${SIMULATOR}/_control/teams/cards?workflow=ecommerce-team`,
    );
    expect(response.ok()).toBe(true);
    const { cards } = await response.json();
    const fromApp = cards
      .map((c: any) => c.card)
      .filter((card: any) =>
        card.actions?.some((a: any) => a.url === `${baseUrl}/status`),
      );
    expect(fromApp.map((card: any) => card.body[0].items[1].text)).toContain(
      'An upstream outage affects entities your team owns',
    );
    for (const card of fromApp)
      expect(JSON.stringify(card)).not.toMatch(/auth-service|shop-web/);
  }).toPass({ timeout: 90_000, intervals: [3_000] });
}
