import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { expectTeamsCardFrom } from './teamsCard';

// A Backstage app scaffolded from the template's legacy frontend system
// (`create-app --legacy`), with our packages installed from their tarballs by
// following the README's legacy section word for word, against the simulator.
// run.sh opened a high-urgency incident on auth-service; shop-web (a website
// owned by the signed-in user's team) reaches it through its dependencies.
// Every page is checked for an error boundary: a component that needs what
// only the new frontend system provides fails there, not in a type check.

const SIMULATOR = 'http://127.0.0.1:7008';

/** A page of the legacy app shows no error boundary and threw nothing. */
async function expectNoErrors(page: Page, thrown: string[]) {
  // a legacy app's error boundary shows "Error in <plugin id>" and the error
  await expect(
    page.getByText(/NotImplementedError|No implementation available for/),
  ).toHaveCount(0);
  await expect(page.getByText(/Error in /)).toHaveCount(0);
  await expect(
    page.getByText(/Something went wrong here|Please contact .* for help/),
  ).toHaveCount(0);
  expect(thrown).toEqual([]);
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/** Waits until the incident has reached shop-web through the graph. */
async function waitForRootCause(request: APIRequestContext) {
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const response = await request.get(
          '/api/status/entities/component/default/shop-web',
          { headers: { Authorization: `Bearer ${token}` } },
        );
        const status = response.ok() ? await response.json() : undefined;
        return status?.rootCauses?.[0]?.entityRef;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe('component:default/auth-service');
}

const sidebar = (page: Page) => page.getByTestId('sidebar-root');

test.describe('the packages installed into a legacy-frontend app', () => {
  let thrown: string[];

  test.beforeEach(async ({ page, request }) => {
    thrown = [];
    page.on('pageerror', error => thrown.push(String(error)));
    await waitForRootCause(request);
    // the legacy template signs the guest in by itself (SignInPage auto)
    await page.goto('/');
    const enter = page.getByRole('button', { name: 'Enter' });
    await expect(
      sidebar(page).getByRole('link', { name: 'APIs' }).or(enter),
    ).toBeVisible();
    if (await enter.isVisible()) await enter.click();
    await expect(
      sidebar(page).getByRole('link', { name: 'APIs' }),
    ).toBeVisible();
  });

  test("a service's overview card and Status tab, with its upstream graph", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/shop-web');
    await expect(
      page.getByText(/impacted by auth-service/).first(),
    ).toBeVisible();
    await expectNoErrors(page, thrown);
    await page.getByRole('link', { name: /Open the Status tab/ }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/shop-web\/status$/,
    );
    await expect(page.getByTestId('status-explanation')).toHaveText(
      /impacted by auth-service/,
    );
    await expect(page.getByText('Upstream dependencies')).toBeVisible();
    // the graph draws the upstreams as nodes, each in its level
    await expect(
      page.locator('[data-testid="graph-node-auth-service"]').first(),
    ).toBeAttached({ timeout: 30_000 });
    await expectNoErrors(page, thrown);
  });

  for (const [kind, name, member] of [
    ['system', 'mall', 'shop-web'],
    ['group', 'ecommerce', 'shop-web'],
  ]) {
    test(`a roll-up's overview card and Status tab (${kind}:${name})`, async ({
      page,
    }) => {
      await page.goto(`/catalog/default/${kind}/${name}`);
      const notOperational = page
        .getByRole('list', { name: 'Not operational' })
        .first();
      await expect(notOperational).toContainText(member);
      await expectNoErrors(page, thrown);
      await page.getByRole('link', { name: /Open the Status tab/ }).click();
      await expect(page).toHaveURL(
        new RegExp(`/catalog/default/${kind}/${name}/status$`),
      );
      await expect(
        page.getByRole('list', { name: 'Members per level' }).first(),
      ).toBeVisible();
      await expectNoErrors(page, thrown);
    });
  }

  test('the dashboard, from the sidebar, with every tab', async ({ page }) => {
    await sidebar(page)
      .getByRole('link', { name: 'Status', exact: true })
      .click();
    await expect(page).toHaveURL(/\/status$/);
    await expect(
      page.getByText('Sign-in fails for every user').first(),
    ).toBeVisible();
    const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names).toContain('Dependency map');
    for (const name of names) {
      await tabs.filter({ hasText: name }).click();
      await expect(tabs.filter({ hasText: name })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      // each view loads (its progress bar goes) without an error boundary
      await expect(page.getByRole('progressbar')).toHaveCount(0, {
        timeout: 30_000,
      });
      await expectNoErrors(page, thrown);
    }
  });

  test("the e-commerce team's Teams channel gets the outage's card, through the Teams module", async ({
    request,
    baseURL,
  }) => {
    await expectTeamsCardFrom(request, baseURL!);
  });

  test('the catalog table has a Status column', async ({ page }) => {
    await page.goto('/catalog');
    await expect(
      page.getByRole('columnheader', { name: 'Status' }),
    ).toBeVisible();
    // the legacy table without pagination filters in the browser
    await page.getByPlaceholder('Filter').fill('shop-web');
    await expect(
      page.getByTestId('catalog-status-component:default/shop-web'),
    ).toContainText(/via an upstream/);
    await expectNoErrors(page, thrown);
  });

  test("the home-page card lists the user's services that are not operational", async ({
    page,
  }) => {
    await page.goto('/home');
    await expect(page.getByText('My services not operational')).toBeVisible();
    const list = page.getByRole('list', { name: 'Not operational' });
    await expect(list).toContainText('cart-api');
    await expect(list).toContainText('because of auth-service');
    await expectNoErrors(page, thrown);
  });

  test('an incident shows on the open Status tab without a reload (signals)', async ({
    page,
    request,
  }) => {
    await page.goto('/catalog/default/component/search-service/status');
    const level = page
      .getByRole('heading', { level: 2 })
      .locator('[data-level]')
      .first();
    await expect(level).toHaveAttribute('data-level', 'operational');
    // the page must not reload: this marker would be lost
    await page.evaluate(() => ((window as any).statusE2eMarker = 'kept'));
    const triggered = await request.post(`${SIMULATOR}/_control/incidents`, {
      data: {
        service: 'search-service',
        urgency: 'high',
        priority: 'P1',
        title: 'install check: search returns nothing',
      },
    });
    expect(triggered.status()).toBe(201);
    const { id } = await triggered.json();
    try {
      // the safety poll is 60 s: within 15 s only a push explains the change
      await expect(level).toHaveAttribute('data-level', 'major_outage', {
        timeout: 15_000,
      });
      expect(await page.evaluate(() => (window as any).statusE2eMarker)).toBe(
        'kept',
      );
    } finally {
      await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
    }
    await expectNoErrors(page, thrown);
  });
});
