import { expect, test } from '@playwright/test';
import {
  pagerDutyRequestHeaders,
  SAMPLE_ALERT_SOURCES,
  sendSampleAlert,
} from '@internal/pagerduty-simulator';
import { BACKEND_URL, guestToken, waitForLoginOutage } from './signIn';

// The portal's embedded defaults start a PagerDuty simulator beside the
// backend, with auth-outage in progress (app-config.yaml, status.demo).
const SIMULATOR = 'http://127.0.0.1:7008';
const headers = pagerDutyRequestHeaders();

test.describe('demo mode', () => {
  test('the simulator runs beside the backend with auth-outage in progress', async ({
    request,
  }) => {
    const response = await request.get(
      `${SIMULATOR}/incidents?statuses[]=triggered&statuses[]=acknowledged&include[]=services`,
      { headers },
    );
    expect(response.ok()).toBe(true);
    const { incidents } = await response.json();
    const byService = Object.fromEntries(
      incidents.map((i: any) => [i.service.name, i]),
    );
    expect(byService['auth-service']).toMatchObject({
      urgency: 'high',
      priority: { summary: 'P1' },
    });
    expect(byService['cart-api']).toMatchObject({ urgency: 'low' });
    expect(byService['video-bff']).toMatchObject({ urgency: 'low' });
  });

  test('the simulated account lacks the misconfigured service on purpose', async ({
    request,
  }) => {
    const response = await request.get(`${SIMULATOR}/services/PNOSUCH`, {
      headers,
    });
    expect(response.status()).toBe(404);
  });

  test('a control command changes what the API returns as soon as it is answered', async ({
    request,
  }) => {
    const triggered = await request.post(`${SIMULATOR}/_control/incidents`, {
      data: {
        service: 'points-api',
        urgency: 'low',
        title: 'e2e: points balance lagging',
      },
    });
    expect(triggered.status()).toBe(201);
    const { id } = await triggered.json();
    const fetched = await request.get(`${SIMULATOR}/incidents/${id}`, {
      headers,
    });
    expect((await fetched.json()).incident.status).toBe('triggered');
    await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
  });
});

test.describe('the status engine on the demo', () => {
  test('shows a service that depends on auth impacted by the login outage, with the path, owner and on-call', async ({
    request,
  }) => {
    const token = await guestToken(request);
    let status: any;
    // the engine reads the catalog and PagerDuty a few seconds after start-up
    await expect
      .poll(
        async () => {
          const response = await request.get(
            `${BACKEND_URL}/api/status/entities/component/default/shop-web`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          status = response.ok() ? await response.json() : undefined;
          return status?.rootCauses?.[0]?.entityRef;
        },
        { timeout: 90_000, intervals: [2_000] },
      )
      .toBe('component:default/auth-service');
    expect(status.levels.effective).toBe('degraded');
    expect(status.explanation).toMatch(
      /^Degraded — impacted by auth-service \(Major outage\)/,
    );
    const [cause] = status.rootCauses;
    expect(cause.path[0]).toBe('component:default/shop-web');
    expect(cause.path[cause.path.length - 1]).toBe(
      'component:default/auth-service',
    );
    expect(cause.incidents[0]).toMatchObject({
      priority: 'P1',
      urgency: 'high',
    });
    expect(cause.owner).toMatchObject({
      entityRef: 'group:default/platform',
      slackChannel: '#platform-oncall',
    });
    expect(cause.escalationPolicies[0].onCall[0].user.email).toMatch(
      /@meridian\.example$/,
    );
  });
});

test.describe('monitoring alerts in the demo', () => {
  test('a sample alert from every tool reaches checkout-api, and resolving clears it', async ({
    request,
  }) => {
    await waitForLoginOutage(request);
    const token = await guestToken(request);
    const statusOf = async () => {
      const response = await request.get(
        `${BACKEND_URL}/api/status/entities/component/default/checkout-api`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(response.ok()).toBe(true);
      return response.json();
    };
    for (const source of SAMPLE_ALERT_SOURCES) {
      const result = await sendSampleAlert({
        backendUrl: BACKEND_URL,
        source,
        secret: `demo-${source}-secret`,
        service: 'checkout-api',
        id: `e2e-${source}`,
      });
      expect(result.status, `${source}: ${result.body}`).toBe(202);
    }
    await expect
      .poll(async () =>
        ((await statusOf()).alerts as { source: string }[])
          .map(a => a.source)
          .sort(),
      )
      .toEqual([...SAMPLE_ALERT_SOURCES].sort());
    expect((await statusOf()).levels.own).toBe('major_outage');

    for (const source of SAMPLE_ALERT_SOURCES) {
      await sendSampleAlert({
        backendUrl: BACKEND_URL,
        source,
        secret: `demo-${source}-secret`,
        service: 'checkout-api',
        id: `e2e-${source}`,
        resolve: true,
      });
    }
    await expect.poll(async () => (await statusOf()).alerts).toEqual([]);
  });
});
