import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { DEFAULT_DEPENDENCY_READS_PER_SYNC } from './syncServiceDependencies';
import { createStatusStack } from '../__testUtils__/statusStack';
import { StatusStore } from '../database';
import { PagerDutyRestClient } from './PagerDutyRestClient';
import { PagerDutySync } from './PagerDutySync';
import { MAX_LOG_READS } from './syncIncidentTimelines';
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

    const setFaults = (faults: object) =>
      fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });
    const sourceOf = async (store: StatusStore, part: string) =>
      (await store.listSources()).find(
        s => s.source === `pagerduty:default:${part}`,
      )!;

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
      // and one planned for later: stored to show, not in force
      sim.state.startMaintenance({
        services: ['cart-api'],
        minutes: 60,
        description: 'Database upgrade',
        at: new Date(Date.now() + 2 * 3_600_000),
      });
      const before = sim.requestCount;

      const result = await sync.syncOnce();

      expect(result.services).toBe(sim.state.services.size);
      expect(result.openIncidents).toBe(3);
      expect(result.ongoingMaintenance).toHaveLength(1);
      expect(result.ongoingMaintenance![0].serviceIds).toEqual([
        sim.state.service('search-service').id,
      ]);
      expect(await sync.ongoingMaintenance()).toHaveLength(1);
      const stored = await store.getMaintenanceWindows('default');
      // the scenario plans one too
      expect(stored.map(w => w.description).sort()).toEqual([
        'Database upgrade',
        'Planned maintenance',
        'Search cluster upgrade',
      ]);
      expect(
        stored.find(w => w.description === 'Database upgrade'),
      ).toMatchObject({
        serviceIds: [sim.state.service('cart-api').id],
        createdBy: expect.any(String),
      });
      // services (1 page), incidents (1), maintenance (1), on-calls (15
      // policies, one batch), change events (1), the alerts and the notes of
      // the 3 new incidents, the log of the one major incident (the P1), and
      // one page of past incidents (the backfill); then the business
      // services (1) and the dependencies of the first services, one request
      // each
      expect(result.alertLookups).toBe(3);
      expect(result.logReads).toBe(1);
      expect(result.noteLookups).toBe(3);
      const serviceCount = sim.state.services.size;
      const graphReads = Math.min(
        DEFAULT_DEPENDENCY_READS_PER_SYNC,
        serviceCount,
      );
      expect(result.dependencyReads).toBe(graphReads);
      expect(result.requests).toBe(13 + 1 + graphReads);
      expect(sim.requestCount - before).toBe(13 + 1 + graphReads);
      expect(result.backfill?.finishedAt).toBeDefined();
      expect(result.incidentsChanged).toBe(true);
      // the next sync reads no alerts: no incident's alert count changed
      const again = await sync.syncOnce();
      expect(again.alertLookups).toBe(0);
      // and the dependencies of the services not read yet, and the logs of
      // the major past incidents the backfill brought, twenty at most
      expect(again.logReads).toBeGreaterThan(0);
      expect(again.logReads).toBeLessThanOrEqual(MAX_LOG_READS);
      expect(again.requests).toBe(
        5 + (serviceCount - graphReads) + again.logReads!,
      );
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
      expect(
        (await store.listSources()).map(s => [s.source, s.lastError ?? null]),
      ).toEqual(
        [
          'alerts',
          'changes',
          'dependencies',
          'incidents',
          'maintenance',
          'notes',
          'oncalls',
          'services',
          'timelines',
        ].map(part => [`pagerduty:default:${part}`, null]),
      );
      expect(result.parts.every(p => p.ok)).toBe(true);
    });

    it("reads the last day's change events, then only what is new, keeping web links only", async () => {
      const { store, sync } = await setUp();
      const MINUTE = 60_000;
      const auth = sim.state.service('auth-service').id;
      sim.state.recordChange({
        service: 'auth-service',
        summary: 'Deployed auth-service v2.14.0',
        at: new Date(Date.now() - 6 * MINUTE),
        links: [
          { href: 'https://ci.example.com/builds/1', text: 'Build 1' },
          // a script link, which a browser would run on click
          { href: ['javascript', 'alert(1)'].join(':'), text: 'Click me' },
        ],
      });
      sim.state.recordChange({
        service: 'auth-service',
        summary: 'Deployed auth-service v2.13.0',
        at: new Date(Date.now() - 25 * 60 * MINUTE),
      });
      const inLastDay = sim.state.changeEvents.list({
        since: new Date(Date.now() - 24 * 60 * MINUTE),
      }).length;

      const first = await sync.syncOnce();
      expect(first.changeEvents).toBe(inLastDay);
      const stored = await store.changeEvents.listForServices(
        [{ account: 'default', serviceId: auth }],
        new Date(0),
        100,
      );
      expect(stored.map(e => e.summary)).toContain(
        'Deployed auth-service v2.14.0',
      );
      // older than the window the tab shows: not read
      expect(stored.map(e => e.summary)).not.toContain(
        'Deployed auth-service v2.13.0',
      );
      expect(
        stored.find(e => e.summary === 'Deployed auth-service v2.14.0')!.links,
      ).toEqual([{ href: 'https://ci.example.com/builds/1', text: 'Build 1' }]);

      // the next read covers the last hour only: one page, with the new change
      sim.state.recordChange({
        service: 'cart-api',
        summary: 'Feature flag checkout-v2 on',
      });
      const next = await sync.syncOnce();
      expect(next.changeEvents).toBe(
        sim.state.changeEvents.list({
          since: new Date(Date.now() - 61 * MINUTE),
        }).length,
      );
      expect(next.changeEvents).toBeLessThan(inLastDay);
      expect(
        (
          await store.changeEvents.listForServices(
            [
              {
                account: 'default',
                serviceId: sim.state.service('cart-api').id,
              },
            ],
            new Date(Date.now() - MINUTE),
            10,
          )
        ).map(e => e.summary),
      ).toEqual(['Feature flag checkout-v2 on']);
    });

    it('backfills 90 days of resolved incidents a few pages per sync, resuming after a failure', async () => {
      const { store } = await setUp();
      const sync = new PagerDutySync({
        account: 'default',
        client: new PagerDutyRestClient({
          apiBaseUrl: sim.url,
          apiToken: 'simulator-token',
          logger: mockServices.logger.mock(),
          maxRetries: 0,
        }),
        store,
        logger: mockServices.logger.mock(),
        backfill: { pageSize: 50, pagesPerSync: 2 },
      });
      const start = Date.now();
      const past = [...sim.state.incidents.values()].filter(
        i =>
          i.status === 'resolved' &&
          i.createdAt.getTime() >= start - 90 * 86_400_000,
      );
      expect(past.length).toBeGreaterThan(200);

      const first = await sync.syncOnce();
      expect(first.backfill).toMatchObject({ incidents: 100 });
      expect(first.backfill!.finishedAt).toBeUndefined();

      // PagerDuty's analytics fail for one sync: the rest of it is fresh, progress is kept
      await setFaults({
        endpoints: {
          '/analytics/raw/incidents': { mode: 'error', status: 500 },
        },
      });
      const failed = await sync.syncOnce();
      expect(failed.parts.every(p => p.ok)).toBe(true);
      expect(failed.backfill).toBeUndefined();
      const kept = JSON.parse(
        (await store.getMeta('pagerduty:default:backfill'))!.value,
      );
      expect(kept).toMatchObject({
        incidents: 100,
        lastError: expect.stringContaining('500'),
      });
      await setFaults({ endpoints: { '/analytics/raw/incidents': null } });

      let syncs = 0;
      let progress = first.backfill;
      while (!progress?.finishedAt && syncs < 20) {
        const before = sim.requestCount;
        const result = await sync.syncOnce();
        progress = result.backfill;
        syncs += 1;
        // 5 parts, and 2 pages at most, besides the logs of major past incidents
        expect(result.logReads).toBeLessThanOrEqual(MAX_LOG_READS);
        expect(
          sim.requestCount - before - result.logReads!,
        ).toBeLessThanOrEqual(5 + 2);
      }
      expect(progress).toMatchObject({ incidents: past.length });
      expect(progress!.lastError).toBeUndefined();
      expect(syncs).toBe(Math.ceil((past.length - 100 + 1) / 100));
      // once finished, never again
      expect((await sync.syncOnce()).backfill).toBeUndefined();

      const stored = await store.listIncidentTimes(
        [...sim.state.services.keys()].map(serviceId => ({
          account: 'default',
          serviceId,
        })),
        new Date(start - 91 * 86_400_000),
        10_000,
      );
      expect(stored).toHaveLength(past.length);
      const sample = past[0];
      const firstAck = sample.logEntries.find(
        e => e.type === 'acknowledge_log_entry',
      )!;
      const backfilled = await store.getIncident('default', sample.id);
      expect(backfilled).toMatchObject({
        status: 'resolved',
        title: sample.title,
        resolvedBy: expect.any(String),
      });
      // the first acknowledgement, to the second (PagerDuty gives whole seconds
      // of creation time and of time to acknowledge)
      expect(
        Math.abs(
          backfilled!.acknowledgedAt!.getTime() - firstAck.createdAt.getTime(),
        ),
      ).toBeLessThan(2000);
    });

    it('keeps the newest 2,000 change events of a window busier than that, and stays fresh', async () => {
      const { store, sync } = await setUp();
      const start = Date.now();
      for (let i = 0; i < 2_150; i++)
        sim.state.recordChange({
          service: 'cart-api',
          summary: `Flag flip ${i}`,
          at: new Date(start - (2_150 - i) * 1000),
        });
      const result = await sync.syncOnce();
      expect(result.parts.find(p => p.part === 'changes')).toEqual({
        part: 'changes',
        ok: true,
      });
      expect(result.changeEvents).toBe(2_000);
      const newest = await store.changeEvents.listForServices(
        [{ account: 'default', serviceId: sim.state.service('cart-api').id }],
        new Date(start - 3_600_000),
        1,
      );
      expect(newest[0].summary).toBe('Flag flip 2149');
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
      // PagerDuty writes times to the second
      const toSecond = (d?: Date) =>
        new Date(Math.floor(d!.getTime() / 1000) * 1000);
      expect(stored).toMatchObject({
        status: 'resolved',
        resolvedAt: toSecond(incident.resolvedAt),
      });
      expect(stored?.acknowledgedAt).toEqual(toSecond(incident.acknowledgedAt));
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

    it('keeps the last good data and records the failure of every part when PagerDuty is down', async () => {
      const { store, sync } = await setUp();
      sim.scenarios.start('auth-outage', {
        hold: true,
        startedSecondsAgo: 120,
      });
      await sync.syncOnce();
      await setFaults({ outageSeconds: 600 });
      const down = await sync.syncOnce();
      // incidents first once services were read, then the rest
      expect(down.parts.filter(p => !p.ok).map(p => p.part)).toEqual([
        'incidents',
        'services',
        'maintenance',
        'oncalls',
        'changes',
        // left out: they are read per open incident
        'alerts',
        'notes',
        'dependencies',
        'timelines',
      ]);
      expect(down.parts.filter(p => p.skipped).map(p => p.part)).toEqual([
        'alerts',
        'notes',
      ]);
      expect(await store.listOpenIncidents()).toHaveLength(3);
      const incidents = await sourceOf(store, 'incidents');
      expect(incidents.lastError).toMatch(/HTTP 503/);
      expect(incidents.consecutiveFailures).toBe(1);
      expect(incidents.lastSuccessAt!.getTime()).toBeLessThan(
        incidents.lastAttemptAt!.getTime() + 1,
      );

      await setFaults({ outageSeconds: 0 });
      await sync.syncOnce(); // recovers by itself
      expect((await sourceOf(store, 'incidents')).lastError).toBeUndefined();
    });

    it('keeps the other parts fresh when one endpoint fails', async () => {
      const { store, sync } = await setUp();
      await sync.syncOnce();
      const onCallsBefore = await store.listOnCalls('default');
      await setFaults({
        endpoints: { '/oncalls': { mode: 'error', status: 400 } },
      });
      sim.state.trigger({ service: 'cart-api', title: 'Carts failing' });
      const result = await sync.syncOnce();
      expect(result.parts.find(p => !p.ok)).toEqual({
        part: 'oncalls',
        ok: false,
        error: expect.stringContaining(
          'PagerDuty answered 400 to GET /oncalls',
        ),
      });
      // the new incident is there, the on-calls are the last known
      expect(result.openIncidents).toBe(1);
      expect(await store.listOnCalls('default')).toEqual(onCallsBefore);
      expect((await sourceOf(store, 'incidents')).lastError).toBeUndefined();
      expect(await sourceOf(store, 'oncalls')).toMatchObject({
        consecutiveFailures: 1,
        lastError: expect.stringContaining('400'),
      });
    });

    it('reads every open incident once when pages say there is always more, or repeat rows', async () => {
      const { store, sync } = await setUp();
      for (let i = 0; i < 130; i++)
        sim.state.trigger({ service: 'cart-api', title: `Carts ${i}` });
      await setFaults({
        endpoints: { '/incidents': { mode: 'endless-more' } },
      });
      const endless = await sync.syncOnce();
      expect(endless.openIncidents).toBe(130);
      expect(endless.parts.every(p => p.ok)).toBe(true);
      await setFaults({ endpoints: { '/incidents': { mode: 'duplicates' } } });
      const duplicated = await sync.syncOnce();
      expect(duplicated.openIncidents).toBe(130);
      expect(await store.listOpenIncidents()).toHaveLength(130);
    });

    it('reads more than 10,000 open incidents per group of services, and says so', async () => {
      const { store, sync } = await setUp();
      await sync.syncOnce(); // the services, to split by
      const services = [...sim.state.services.values()].map(s => s.name);
      for (let i = 0; i < 10_050; i++)
        sim.state.trigger({
          service: services[i % services.length],
          title: `Storm ${i}`,
          silent: true,
        });
      const result = await sync.syncOnce();
      expect(result.parts.find(p => p.part === 'incidents')).toEqual({
        part: 'incidents',
        ok: true,
      });
      expect(result.openIncidents).toBe(10_050);
      // the account-wide list (100 pages, too few), then counts: the group of
      // all (fewer than 100) services, still too many, and its two halves,
      // each listed
      expect(sim.state.services.size).toBeLessThan(100);
      expect(result.incidentQueries).toBe(1 + 1 + 2 * 2);
      expect(await store.listOpenIncidents()).toHaveLength(10_050);
      // with that many open last time, the next sync counts first: no 100
      // pages read for nothing
      const next = await sync.syncOnce();
      expect(next.openIncidents).toBe(10_050);
      expect(next.incidentQueries).toBe(1 + 1 + 2 * 2);
      expect(next.requests).toBeLessThan(result.requests - 95);
    });

    it('keeps an incident open when looking it up fails, and closes it only on a 404', async () => {
      const { store, sync } = await setUp();
      const incident = sim.state.trigger({ service: 'cart-api', title: 'x' });
      await sync.syncOnce();
      sim.state.resolve(incident.id);
      await setFaults({
        endpoints: { '/incidents/{id}': { mode: 'error', status: 503 } },
      });
      const failing = await sync.syncOnce();
      expect(failing.parts.find(p => p.part === 'incidents')).toMatchObject({
        ok: false,
        error: expect.stringContaining('could not be looked up'),
      });
      expect((await store.getIncident('default', incident.id))?.status).toBe(
        'triggered',
      );
      await setFaults({ endpoints: { '/incidents/{id}': null } });
      sim.state.incidents.delete(incident.id); // merged away: PagerDuty answers 404
      const gone = await sync.syncOnce();
      expect(gone.resolvedSinceLastSync).toBe(1);
      expect((await store.getIncident('default', incident.id))?.status).toBe(
        'resolved',
      );
    });

    it('stops at its request budget, the parts read first kept fresh, and says when the others come', async () => {
      const { store } = await setUp();
      const sync = new PagerDutySync({
        account: 'default',
        client: new PagerDutyRestClient({
          apiBaseUrl: sim.url,
          apiToken: 'simulator-token',
          logger: mockServices.logger.mock(),
        }),
        store,
        logger: mockServices.logger.mock(),
        maxRequestsPerSync: 2,
      });
      const result = await sync.syncOnce();
      expect(result.requests).toBe(2);
      expect(result.parts.map(p => [p.part, p.ok])).toEqual([
        ['services', true],
        ['incidents', true],
        ['maintenance', false],
        ['oncalls', false],
        ['changes', false],
        ['alerts', true],
        ['notes', true],
        // no major incident's log is due
        ['timelines', true],
      ]);
      expect((await sourceOf(store, 'oncalls')).lastError).toBe(
        "the sync's budget of 2 PagerDuty requests was spent before this was read; at the next sync it comes after incidents and maintenance windows (the parts read longest ago go first)",
      );
      // and so it does
      const next = await sync.syncOnce();
      expect(next.parts.map(p => p.part).slice(0, 3)).toEqual([
        'incidents',
        'maintenance',
        'oncalls',
      ]);
    });
  });
});
