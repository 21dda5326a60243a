import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createStatusStack } from '../__testUtils__/statusStack';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

describe('PagerDutySync against the simulator', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;

    beforeEach(async () => {
      sim = await startPagerDutySimulator({
        seed: 31,
        missingServiceIds: ['PNOSUCH'],
      });
    });
    afterEach(() => sim.close());

    async function setUp() {
      return createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        client: { maxRetries: 1, backoffMs: 10 },
      });
    }

    it('reads services, open incidents, maintenance and on-calls in a few requests', async () => {
      const { store, sync } = await setUp();
      sim.scenarios.start('auth-outage', {
        hold: true,
        startedSecondsAgo: 120,
      });
      sim.state.startMaintenance({ services: ['search-service'], minutes: 30 });
      const before = sim.requestCount;

      const result = await sync.syncOnce();

      expect(result.services).toBe(sim.state.services.size);
      expect(result.openIncidents).toBe(3);
      expect(result.ongoingMaintenance).toHaveLength(1);
      expect(result.ongoingMaintenance[0].serviceIds).toEqual([
        sim.state.service('search-service').id,
      ]);
      // services (1 page), incidents (1), maintenance (1), on-calls (15
      // policies, one batch), and the alerts of the 3 new incidents
      expect(result.alertLookups).toBe(3);
      expect(result.requests).toBe(7);
      expect(sim.requestCount - before).toBe(7);
      expect(result.incidentsChanged).toBe(true);
      // the next sync reads no alerts: no incident's alert count changed
      const again = await sync.syncOnce();
      expect(again.alertLookups).toBe(0);
      expect(again.requests).toBe(4);
      expect(again.incidentsChanged).toBe(false);

      const open = await store.listOpenIncidents();
      const auth = open.find(
        i => i.serviceId === sim.state.service('auth-service').id,
      )!;
      expect(auth).toMatchObject({
        urgency: 'high',
        priority: 'P1',
        status: 'acknowledged',
      });
      expect(auth.assignees[0].email).toMatch(/@meridian\.example$/);
      expect(auth.conferenceUrl).toMatch(/^https:/);
      const services = await store.listServices('default');
      expect(
        services.find(s => s.name === 'auth-service')?.escalationPolicyName,
      ).toBe('Shared Platform escalation');
      const onCalls = await store.listOnCalls('default');
      expect(onCalls.filter(o => o.level === 1)).toHaveLength(
        sim.state.escalationPolicies.size,
      );
      expect((await store.listSources())[0]).toMatchObject({
        source: 'pagerduty:default',
        lastSuccessVia: 'poll',
      });
    });

    it('notices incidents resolved since the last sync, keeping their acknowledgement', async () => {
      const { store, sync } = await setUp();
      const incident = sim.state.trigger({
        service: 'cart-api',
        title: 'Carts failing',
        urgency: 'low',
      });
      sim.state.acknowledge(incident.id);
      await sync.syncOnce();
      sim.state.resolve(incident.id);
      const result = await sync.syncOnce();
      expect(result.resolvedSinceLastSync).toBe(1);
      const stored = await store.getIncident('default', incident.id);
      expect(stored).toMatchObject({
        status: 'resolved',
        resolvedAt: incident.resolvedAt,
      });
      expect(stored?.acknowledgedAt).toEqual(incident.acknowledgedAt);
      expect(await store.listOpenIncidents()).toEqual([]);
    });

    it("reads PagerDuty's own alerts under new incidents, and resolves them with the incident", async () => {
      const { store, sync } = await setUp();
      const incident = sim.state.trigger({
        service: 'cart-api',
        title: 'Carts failing',
        urgency: 'high',
      });
      await sync.syncOnce();
      const [alert] = await store.alerts.listAlerts({ source: 'pagerduty' });
      expect(alert).toMatchObject({
        state: 'firing',
        url: expect.stringMatching(/\/alerts\/P[A-Z0-9]+$/),
        targets: {
          pagerDuty: {
            account: 'default',
            incidentId: incident.id,
            serviceId: sim.state.service('cart-api').id,
          },
        },
      });
      sim.state.resolve(incident.id);
      await sync.syncOnce();
      expect(await store.alerts.listAlerts({ source: 'pagerduty' })).toEqual(
        [],
      );
      const [resolved] = await store.alerts.listAlerts({
        source: 'pagerduty',
        includeResolvedSince: new Date(0),
      });
      expect(resolved.state).toBe('resolved');
    });

    it('keeps the last good data and records the failure when PagerDuty is down', async () => {
      const { store, sync } = await setUp();
      sim.scenarios.start('auth-outage', {
        hold: true,
        startedSecondsAgo: 120,
      });
      await sync.syncOnce();
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ outageSeconds: 600 }),
      });
      await expect(sync.syncOnce()).rejects.toThrow(/HTTP 503/);
      expect(await store.listOpenIncidents()).toHaveLength(3);
      const [source] = await store.listSources();
      expect(source.lastError).toMatch(/HTTP 503/);
      expect(source.lastSuccessAt!.getTime()).toBeLessThan(
        source.lastAttemptAt!.getTime() + 1,
      );

      await fetch(`${sim.url}/_control/faults`, { method: 'DELETE' });
      await sync.syncOnce(); // recovers by itself
      expect((await store.listSources())[0].lastError).toBeUndefined();
    });
  });
});
