import { expect, test } from '@playwright/test';

// The portal's embedded defaults start a PagerDuty simulator beside the
// backend, with auth-outage in progress (app-config.yaml, status.demo).
const SIMULATOR = 'http://127.0.0.1:7008';
const headers = { Authorization: 'Token token=simulator-token' };

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

  test('a control command changes what the API returns within a second', async ({
    request,
  }) => {
    const started = Date.now();
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
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await fetched.json()).incident.status).toBe('triggered');
    await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
  });
});
