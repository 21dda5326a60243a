import { expect, test } from '@playwright/test';
import { waitForLoginOutage } from './signIn';

const SIMULATOR = 'http://127.0.0.1:7008';
const HEADERS = {
  Authorization: 'Token token=simulator-token',
  Accept: 'application/vnd.pagerduty+json;version=2',
};

test.describe('the demo status page during the login outage', () => {
  test("shows sign-in's own major outage, and the shop only degraded through it as operational", async ({
    request,
  }) => {
    // published once the level held 30 s, by a task that runs every 30 s
    test.setTimeout(180_000);
    await waitForLoginOutage(request);
    const get = async (path: string) => {
      const response = await request.get(`${SIMULATOR}${path}`, {
        headers: HEADERS,
      });
      expect(response.ok()).toBe(true);
      return response.json();
    };
    const { status_pages: pages } = await get('/status_pages');
    const page = pages.find((p: any) => p.name === 'Meridian status');
    expect(page).toBeDefined();
    const named = (list: any[], field: string) =>
      new Map(list.map(item => [item.id, item[field]]));
    const services = named(
      (await get(`/status_pages/${page.id}/services`)).services,
      'name',
    );
    const impacts = named(
      (await get(`/status_pages/${page.id}/impacts`)).impacts,
      'description',
    );
    const statuses = named(
      (await get(`/status_pages/${page.id}/statuses`)).statuses,
      'description',
    );
    await expect(async () => {
      const { posts } = await get(`/status_pages/${page.id}/posts`);
      expect(posts.length).toBeGreaterThan(0);
      const { post } = await get(
        `/status_pages/${page.id}/posts/${posts[0].id}?include[]=status_page_post_update`,
      );
      expect(post.title).toBe('Service disruption');
      const first = post.updates[0];
      expect(statuses.get(first.status.id)).toBe('Investigating');
      const shown = Object.fromEntries(
        first.impacted_services.map((i: any) => [
          services.get(i.service.id),
          impacts.get(i.impact.id),
        ]),
      );
      // inherited impact is off by default: shop-web is degraded only through auth-service
      expect(shown).toMatchObject({
        'Sign-in': 'Major outage',
        Shop: 'Operational',
      });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
  });
});
