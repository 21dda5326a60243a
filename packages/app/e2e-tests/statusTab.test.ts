import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  expectGraphLaidOut,
  openSection,
  signInAsGuest,
  statusHeaderLevel,
  waitForLoginOutage,
} from './signIn';

const SCREENSHOTS = 'e2e-test-report/screenshots';

// The demo runs the auth-outage scenario: the login service is down, and
// shop-web reaches it through cart-api and membership-api.
test.describe('the Status tab during the login outage', () => {
  test('shows a dependent impacted with the path, leads to the root cause, and names who is on call', async ({
    page,
    request,
  }) => {
    const status = await waitForLoginOutage(request);
    const onCallName: string =
      status.rootCauses[0].escalationPolicies[0].onCall[0].user.name;

    await signInAsGuest(page);
    // the overview's Status card says it in one line and leads to the tab
    await page.goto('/catalog/default/component/shop-web');
    await expect(
      page.getByText(/^Degraded — impacted by auth-service/).first(),
    ).toBeVisible();
    await page.getByRole('link', { name: /Open the Status tab/ }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/shop-web\/status$/,
    );

    await expect(statusHeaderLevel(page)).toHaveAttribute(
      'data-level',
      'degraded',
    );
    await expect(page.getByTestId('status-explanation')).toHaveText(
      /^Degraded — impacted by auth-service \(Major outage\), \d hops upstream$/,
    );
    const path = page.getByLabel(/^Dependency path:/).first();
    await expect(path.getByRole('link').first()).toHaveText('shop-web');
    await expect(path.getByRole('link').last()).toHaveText('auth-service');
    const onCall = page.getByRole('list', { name: /^On call for / }).first();
    await expect(onCall).toContainText(onCallName);
    await expect(
      page.getByRole('link', { name: /#platform-oncall/ }).first(),
    ).toBeVisible();
    // the dependency graph draws shop-web's upstreams, coloured by level
    const authNode = page.locator('[data-testid="graph-node-auth-service"]');
    await expect(authNode).toHaveAttribute('data-level', 'major_outage');
    await expectGraphLaidOut(authNode);

    await page.screenshot({
      path: `${SCREENSHOTS}/status-tab-light.png`,
      fullPage: true,
    });
    await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
    await page.reload();
    await expect(statusHeaderLevel(page)).toHaveAttribute(
      'data-level',
      'degraded',
    );
    await expectGraphLaidOut(authNode);
    await expect(page.locator('body')).toHaveAttribute(
      'data-theme-mode',
      'dark',
    );
    await page.screenshot({
      path: `${SCREENSHOTS}/status-tab-dark.png`,
      fullPage: true,
    });
    await page.evaluate(() => window.localStorage.removeItem('theme'));

    // click through to the root cause: its own outage, its incident, its blast radius
    await path.getByRole('link', { name: 'auth-service' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/auth-service/);
    await page.goto('/catalog/default/component/auth-service/status');
    await expect(statusHeaderLevel(page)).toHaveAttribute(
      'data-level',
      'major_outage',
    );
    await expect(page.getByTestId('status-explanation')).toHaveText(
      /^Major outage — \d+ active incidents? of its own/,
    );
    await expect(
      page.getByText(/entities depend on this; \d+ are currently impacted\./),
    ).toBeVisible();
  });

  test('answers first at 1280×800: the level, why, who to call and the action, without scrolling', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAsGuest(page);
    const heights: Record<string, number> = {};
    for (const [name, why] of [
      ['shop-web', /shop-web → .+ → auth-service/],
      ['auth-service', /its own incident “Login failing/],
    ] as const) {
      await page.goto(`/catalog/default/component/${name}/status`);
      const answer = page.getByTestId('status-answer');
      await expect(answer).toContainText(why);
      // who to call: the root cause's owner channel and who is on call now
      await expect(answer).toContainText('#platform-oncall');
      await expect(answer).toContainText(/on call now: .+ \(.+, level 1\)/);
      const action = answer.getByRole('link', {
        name: /^(Join the bridge|Open incident #\d+ in PagerDuty)/,
      });
      for (const part of [
        statusHeaderLevel(page),
        page.getByTestId('status-explanation'),
        answer,
        action,
      ]) {
        const box = (await part.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(800);
      }
      // the rest follows, long parts closed to their summary line
      await expect(page.locator('#status-section-sharing')).toHaveAttribute(
        'aria-expanded',
        'false',
      );
      heights[name] = await page.evaluate(
        () => document.documentElement.scrollHeight,
      );
      await page.screenshot({
        path: `${SCREENSHOTS}/status-tab-answer-first-${name}.png`,
      });
    }
    await writeFile(
      'e2e-test-report/status-tab-heights.json',
      JSON.stringify({ viewport: '1280x800', heights }, null, 2),
    );
  });

  test("shows the day's history: the root cause down by its own signals, its dependent only degraded", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    const today = new Date().toISOString().slice(0, 10);

    await page.goto('/catalog/default/component/auth-service/status');
    await openSection(page, 'history');
    await openSection(page, 'response');
    const bar = page.getByTestId(`history-day-${today}`);
    await expect(bar).toHaveAttribute(
      'aria-label',
      new RegExp(
        `^${today}: Major outage at worst; down .+ by its own signals`,
      ),
    );
    await expect(page.getByTestId('availability-7')).toContainText(
      'own signals only',
    );
    // and its incident response, counted from the recorded incidents
    const response = page.getByRole('table', { name: 'Incident response' });
    await expect(response.getByRole('row').nth(1)).toContainText(
      /^7 days[1-9]\d* \(before: \d+\)/,
    );
    await bar.click();
    const changes = page.getByRole('region', {
      name: `Changes on ${today}`,
      exact: true,
    });
    await expect(changes.getByRole('listitem').last()).toContainText(
      /Operational→Major outageown signals: .+/,
    );

    await page.goto('/catalog/default/component/shop-web/status');
    // the reader opened the history on auth-service: it stays open
    await expect(page.locator('#status-section-history')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(page.getByTestId(`history-day-${today}`)).toHaveAttribute(
      'aria-label',
      new RegExp(`^${today}: Degraded at worst; degraded .+; no downtime$`),
    );
  });

  test("shows the upstream's deploy that came minutes before the outage", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/shop-web/status');
    const deploy = page.getByRole('listitem', {
      name: /^Change: Deployed auth-service v2\.14\.0/,
    });
    await expect(deploy).toContainText('On the upstream auth-service');
    await expect(deploy).toContainText(/Path: shop-web → .+ → auth-service/);
    await expect(deploy).toContainText(
      '6 min before auth-service turned major outage: “Login failing: auth-service answers 503 on /oauth/token”',
    );
    await expect(
      deploy.getByRole('link', { name: /^Build 2140/ }),
    ).toHaveAttribute(
      'href',
      'https://ci.example.com/auth-service/builds/2140',
    );
    await page.screenshot({
      path: `${SCREENSHOTS}/status-tab-recent-changes.png`,
      fullPage: true,
    });
  });

  test("burns cart-api's error budget by its own incident, which its objective counts", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/cart-api/status');
    await openSection(page, 'objective');
    await expect(page.getByText(/^99\.5 % up over 7 days/)).toBeVisible();
    const spent = page.getByRole('list', { name: 'Who spent it' });
    // the login outage reaches cart-api through membership-api, a critical
    // dependency; cart-api's own low-urgency incident degrades it, and its
    // objective counts degraded time: while it is open the spend is its own
    await expect(
      spent.getByRole('listitem').filter({ hasText: /^Its own signals: / }),
    ).toContainText(/% of the budget\)$/);
    // the last hour burns by its own downtime too, once its incident is read
    await expect(async () => {
      await page.reload();
      await openSection(page, 'objective');
      await expect(
        page
          .getByRole('list', { name: 'Burn rate' })
          .getByRole('listitem')
          .first(),
      ).toHaveText(
        /^Last hour: [\d.,]+× \(own [1-9][\d.,]*×, inherited [\d.,]+×\)$/,
        { timeout: 3_000 },
      );
    }).toPass({ timeout: 60_000 });
    await expect(
      page.getByRole('meter', { name: 'Error budget left' }),
    ).toBeVisible();
    // the section alone: its budget, who spent it and the burn rates
    await page
      .locator('#status-section-objective-content')
      .first()
      .screenshot({ path: `${SCREENSHOTS}/status-tab-objective.png` });
  });

  test("spends shop-web's budget, which counts degraded time, on the login outage: all of it inherited", async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/shop-web/status');
    await openSection(page, 'objective');
    await expect(page.getByText(/^99\.9 % up over 30 days/)).toBeVisible();
    await expect(
      page.getByText('Degraded time counts as downtime too.'),
    ).toBeVisible();
    const spent = page.getByRole('list', { name: 'Who spent it' });
    // degraded three hops from auth-service: this hour's spend is all inherited
    await expect(
      spent.getByRole('listitem').filter({ hasText: /^auth-service: / }),
    ).toContainText(/% of the budget\)$/);
    await expect(
      page
        .getByRole('list', { name: 'Burn rate' })
        .getByRole('listitem')
        .first(),
    ).toHaveText(/^Last hour: [\d.,]+× \(own 0×, inherited [\d.,]+×\)$/);
    await page
      .locator('#status-section-objective-content')
      .first()
      .screenshot({ path: `${SCREENSHOTS}/status-tab-objective-shop-web.png` });
  });

  test('shows the same failure twelve days ago: how long it lasted and who resolved it', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/auth-service/status');
    const like = page.getByRole('region', {
      name: 'Like Login failing: auth-service answers 503 on /oauth/token',
    });
    const past = like.getByRole('listitem', {
      name: /^Past incident: Login failing: auth-service answers 502 on \/oauth\/token/,
    });
    await expect(past).toContainText(
      /on the same service · .+ · lasted 38 min · resolved by .+ · \d+ % of title words shared/,
    );
    await past.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SCREENSHOTS}/status-tab-similar-incidents.png`,
      fullPage: true,
    });
  });

  test('shows the maintenance planned on a service, with who planned it', async ({
    page,
    request,
  }) => {
    await waitForLoginOutage(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/search-service/status');
    const windows = page.getByRole('list', { name: 'Maintenance windows' });
    await expect(windows.getByRole('listitem')).toHaveCount(1);
    await expect(windows.getByRole('listitem').first()).toContainText(
      /^PlannedSearch cluster upgrade: .+ to .+ \(planned by .+\)$/,
    );
    // planned, not running: the service is not under maintenance
    await expect(statusHeaderLevel(page)).not.toHaveAttribute(
      'data-level',
      'under_maintenance',
    );
  });

  test('shows a misconfigured service as a problem to fix, not a crash', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/quote-engine/status');
    await expect(page.getByText(/Status annotations need fixing/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page.getByText(/PagerDuty has no service PNOSUCH/),
    ).toBeVisible();
  });

  test("shows a group's roll-up with what its services depend on that is broken", async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page.goto('/catalog/default/group/ecommerce/status');
    await expect(
      page.getByText('What your services depend on that is broken'),
    ).toBeVisible({ timeout: 60_000 });
    await expect(
      page.getByText(/auth-service.*impacts \d+ of yours/).first(),
    ).toBeVisible();
  });
});
