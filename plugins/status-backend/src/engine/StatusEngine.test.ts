import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createStatusStack } from '../__testUtils__/statusStack';
import {
  component,
  entities,
  group,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { callerView } from '../__testUtils__/callerView';
import { describeEntityStatus } from '../service/entityStatus';
import { PagerDutyWebhookProcessor } from '../pagerduty/webhooks/PagerDutyWebhookProcessor';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

describe('StatusEngine with the simulator', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startShopSimulator();
    });
    afterEach(() => sim.close());

    async function setUp(
      options: Partial<Parameters<typeof createStatusStack>[0]> = {},
    ) {
      const { store, sync, makeEngine, makeParts } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        entities,
        ...options,
      });
      const engine = await makeEngine();
      const everything = callerView(
        (options.entities ?? entities).map(e => stringifyEntityRef(e)),
        true,
      );
      const describe = (ref: string) =>
        describeEntityStatus({
          ref,
          engine,
          store,
          view: everything,
          liveChannel: 'status:test',
        });
      return {
        store,
        sync,
        engine,
        makeEngine,
        makeParts,
        describe,
        everything,
      };
    }

    it('shows a dependent impacted by the login outage, with the path, owner and on-call', async () => {
      const { sync, engine, describe } = await setUp();
      sim.state.trigger({
        service: 'PAUTH00',
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
        withConferenceBridge: true,
      });
      await sync.syncOnce();
      await engine.refreshCatalog();

      const status = await describe('component:default/shop-web');
      expect(status.levels).toEqual({
        own: 'operational',
        inherited: 'degraded',
        effective: 'degraded',
      });
      expect(status.explanation).toBe(
        'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
      );
      const [cause] = status.rootCauses;
      expect(cause.path).toEqual([
        'component:default/shop-web',
        'component:default/cart-api',
        'component:default/membership-api',
        'component:default/auth-service',
      ]);
      expect(cause.incidents[0]).toMatchObject({
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
      });
      expect(cause.incidents[0].conferenceUrl).toMatch(/^https:/);
      expect(cause.owner).toMatchObject({
        entityRef: 'group:default/platform',
        slackChannel: '#platform-oncall',
        email: 'platform@example.com',
      });
      expect(cause.escalationPolicies[0].onCall.map(o => o.user.name)).toEqual([
        'Platform SRE',
        'Platform SRE',
      ]);
      // when on-call was read, so that a shift ending later is not shown as current
      const readAt = Date.parse(cause.escalationPolicies[0].onCallReadAt!);
      expect(readAt).toBeLessThanOrEqual(Date.now());
      expect(Date.now() - readAt).toBeLessThan(10 * 60_000);
      expect(status.owner).toMatchObject({ entityRef: 'group:default/shop' });

      const auth = await describe('component:default/auth-service');
      expect(auth.levels.effective).toBe('major_outage');
      expect(auth.impacted.map(i => i.entityRef)).toEqual([
        'component:default/cart-api',
        'component:default/membership-api',
        'component:default/shop-web',
      ]);
      expect(auth.impactedCount).toBe(3);
      expect(auth.dependentCount).toBe(3);
      expect(status.dependentCount).toBe(0);
      expect(auth.explanation).toBe(
        'Major outage — 1 active incident of its own',
      );
    });

    it('applies a catalog change by difference, leaves a read that changes nothing alone, and builds everything again every hour', async () => {
      let now = new Date();
      const logger = mockServices.logger.mock();
      const { sync, makeEngine, setCatalogEntities, store } =
        await createStatusStack({
          knex: await databases.init(databaseId),
          pagerDutyUrl: sim.url,
          logger,
          entities,
        });
      const fullBuilds = () =>
        logger.info.mock.calls.filter(([m]) =>
          String(m).startsWith('Status engine:'),
        ).length;
      triggerLoginOutage(sim);
      await sync.syncOnce();
      const engine = await makeEngine(() => now);
      await engine.refreshCatalog();
      const shopWeb = 'component:default/shop-web';
      expect(engine.levels(shopWeb).effective).toBe('degraded');
      const [version, changedAt] = [engine.version, engine.catalogChangedAt];

      // the same catalog again: nothing is built, nothing changes
      now = new Date(now.getTime() + 60_000);
      await engine.refreshCatalog();
      expect([engine.version, engine.catalogChangedAt]).toEqual([
        version,
        changedAt,
      ]);

      // cart-api stops depending on membership-api: shop-web recovers
      const withoutMembership = entities.map(e =>
        e.metadata.name === 'cart-api'
          ? component('cart-api', 'shop', 'PCART00', [])
          : e,
      );
      setCatalogEntities(withoutMembership);
      await engine.refreshCatalog();
      expect(engine.levels(shopWeb).effective).toBe('operational');
      expect(engine.rootCausesOf(shopWeb)).toEqual([]);
      expect(engine.catalogChangedAt).toEqual(now);
      // what changed: cart-api, what its path to auth-service reached, and
      // auth-service, whose blast radius shrank; membership-api is as it was
      expect(engine.changedSince(version)).toEqual(
        new Set([
          'component:default/cart-api',
          'component:default/auth-service',
          shopWeb,
        ]),
      );
      expect(
        (await store.listTransitions(shopWeb)).map(t => t.effectiveTo),
      ).toEqual(['operational', 'degraded']);
      expect(fullBuilds()).toBe(1);

      // an hour after the last full build, a read builds everything again
      setCatalogEntities(entities);
      now = new Date(now.getTime() + 60 * 60_000);
      await engine.refreshCatalog();
      expect(fullBuilds()).toBe(2);
      expect(engine.levels(shopWeb).effective).toBe('degraded');
    });

    it('records transitions as levels change, and recovers when the incident resolves', async () => {
      const { store, sync, engine } = await setUp();
      await sync.syncOnce();
      await engine.refreshCatalog();
      const incident = sim.state.trigger({
        service: 'PMEMB00',
        title: 'Membership slow',
        urgency: 'low',
      });
      await sync.syncOnce();
      await engine.refreshSignals();
      expect(engine.levels('component:default/cart-api').effective).toBe(
        'degraded',
      );
      sim.state.resolve(incident.id);
      await sync.syncOnce();
      await engine.refreshSignals();
      expect(engine.levels('component:default/cart-api').effective).toBe(
        'operational',
      );
      const history = await store.listTransitions('component:default/cart-api');
      expect(history.map(h => `${h.effectiveFrom}→${h.effectiveTo}`)).toEqual([
        'degraded→operational',
        'operational→degraded',
      ]);
    });

    it('marks entities unknown when PagerDuty data is stale, keeping a known outage, and says so', async () => {
      const { sync, engine, makeEngine, describe } = await setUp();
      sim.state.trigger({
        service: 'PAUTH00',
        title: 'Login failing',
        urgency: 'high',
      });
      await sync.syncOnce();
      await engine.refreshCatalog();
      expect(engine.levels('component:default/auth-service').own).toBe(
        'major_outage',
      );
      expect(engine.levels('component:default/cart-api').own).toBe(
        'operational',
      );
      // ten minutes without a successful sync
      const later = await makeEngine(() => new Date(Date.now() + 10 * 60_000));
      await later.refreshCatalog();
      expect(later.levels('component:default/cart-api').own).toBe('unknown');
      // the outage still known outranks not knowing
      expect(later.levels('component:default/auth-service').own).toBe(
        'major_outage',
      );
      expect(later.freshness().stale).toBe(true);
      expect(later.accountFreshness('default').parts.every(p => p.stale)).toBe(
        true,
      );
      const status = await describe('component:default/auth-service');
      expect(status.freshness.pagerDuty.stale).toBe(false); // the first engine is still fresh
    });

    it('shows the poll stale, with its reason, while webhooks still arrive', async () => {
      const { store, sync, engine, everything } = await setUp({
        client: { maxRetries: 0 },
      });
      await sync.syncOnce();
      await engine.refreshCatalog();
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: { '/incidents': { mode: 'error', status: 400 } },
        }),
      });
      for (let i = 0; i < 3; i++) await sync.syncOnce();
      // a webhook arrives meanwhile
      const occurredAt = new Date();
      await store.webhookEvents.saveEvent({
        id: 'EVT-1',
        account: 'default',
        eventType: 'incident.triggered',
        resourceId: 'PINC999',
        occurredAt,
        receivedAt: occurredAt,
        payload: JSON.stringify({
          event: {
            id: 'EVT-1',
            event_type: 'incident.triggered',
            occurred_at: occurredAt.toISOString(),
            data: {
              id: 'PINC999',
              type: 'incident',
              number: 999,
              title: 'Carts failing',
              status: 'triggered',
              urgency: 'low',
              service: { id: 'PCART00', type: 'service_reference' },
            },
          },
        }),
      });
      await new PagerDutyWebhookProcessor({
        store,
        logger: mockServices.logger.mock(),
      }).processPending();
      await engine.refreshSignals();
      const status = await describeEntityStatus({
        ref: 'component:default/cart-api',
        engine,
        store,
        view: everything,
        liveChannel: 'status:test',
      });
      const { pagerDuty } = status.freshness;
      expect(pagerDuty).toMatchObject({
        stale: true,
        waiting: false,
        lastError: expect.stringContaining(
          'PagerDuty answered 400 to GET /incidents',
        ),
        lastWebhookAt: expect.any(String),
      });
      const incidents = pagerDuty.parts.find(p => p.part === 'incidents')!;
      expect(incidents.failingSince).not.toBeNull();
      // the rest of the poll is fresh, but for what is read per open
      // incident: skipped, and stale at once with why
      expect(pagerDuty.parts.filter(p => p.stale).map(p => p.part)).toEqual([
        'incidents',
        'alerts',
        'notes',
      ]);
      expect(pagerDuty.parts.find(p => p.part === 'notes')).toMatchObject({
        skipped: true,
        lastError: expect.stringContaining(
          'the open incidents could not be read',
        ),
      });
      // what the webhook says still counts: a known outage outranks not knowing
      expect(status.levels.own).toBe('degraded');
    });

    it('is unknown, waiting for PagerDuty, before the first successful sync', async () => {
      const { sync, engine, describe } = await setUp({
        // a rate-limited token: give up at once instead of waiting for the reset
        client: { maxRateLimitWaitMs: 100 },
      });
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rateLimitPerMinute: 1 }),
      });
      await engine.refreshCatalog();
      const before = await describe('component:default/cart-api');
      expect(before.levels.own).toBe('unknown');
      expect(before.explanation).toBe('Unknown — waiting for PagerDuty');
      expect(before.freshness.pagerDuty).toMatchObject({
        waiting: true,
        stale: true,
        lastSuccessAt: null,
      });
      // the token is rate-limited at start-up: the failure shows at once
      const result = await sync.syncOnce();
      expect(result.parts.some(p => !p.ok)).toBe(true);
      await engine.refreshSignals();
      const after = await describe('component:default/cart-api');
      expect(after.levels.own).toBe('unknown');
      const failed = after.freshness.pagerDuty.parts.find(p => p.lastError);
      expect(failed?.lastError).toMatch(/429/);
    });

    it('counts an incident a webhook brought for a service the sync has not stored yet', async () => {
      const withNewService = [
        ...entities,
        component('new-api', 'platform', 'PNEW000', []),
        component(
          'new-web',
          'shop',
          'PSHOP00',
          ['component:new-api'],
          'new-api',
        ),
      ];
      const { store, sync, engine } = await setUp({
        entities: withNewService,
      });
      await sync.syncOnce(); // PNEW000 is not in PagerDuty's answer
      await engine.refreshCatalog();
      expect(
        engine.describe('component:default/new-api', { upstreamDepth: 1 })
          .problems,
      ).toHaveLength(1);
      const occurredAt = new Date();
      await store.webhookEvents.saveEvent({
        id: 'EVT-NEW',
        account: 'default',
        eventType: 'incident.triggered',
        resourceId: 'PINCNEW',
        occurredAt,
        receivedAt: occurredAt,
        payload: JSON.stringify({
          event: {
            id: 'EVT-NEW',
            event_type: 'incident.triggered',
            occurred_at: occurredAt.toISOString(),
            data: {
              id: 'PINCNEW',
              type: 'incident',
              number: 7,
              title: 'New API down',
              status: 'triggered',
              urgency: 'high',
              service: { id: 'PNEW000', type: 'service_reference' },
              assignees: [],
            },
          },
        }),
      });
      await new PagerDutyWebhookProcessor({
        store,
        logger: mockServices.logger.mock(),
      }).processPending();
      await engine.refreshSignals();
      expect(engine.levels('component:default/new-api')).toMatchObject({
        own: 'major_outage',
      });
      expect(engine.levels('component:default/new-web')).toMatchObject({
        inherited: 'major_outage',
        effective: 'major_outage',
      });
      expect(
        engine.describe('component:default/new-api', { upstreamDepth: 1 })
          .problems,
      ).toEqual([]);
    });

    it('follows what another replica wrote, reading only the incidents and services that changed', async () => {
      const { store, sync, engine, makeParts } = await setUp();
      await sync.syncOnce();
      await engine.refreshCatalog();
      // a second replica on the same database, its first full read done
      const replicaParts = await makeParts();
      const replica = replicaParts.engine!;
      await replica.refreshCatalog();
      const listOpen = jest.spyOn(replicaParts.store, 'listOpenIncidents');
      const listServices = jest.spyOn(replicaParts.store, 'listServices');
      const listChanged = jest.spyOn(
        replicaParts.store,
        'listIncidentsStoredSince',
      );
      const processor = new PagerDutyWebhookProcessor({
        store,
        logger: mockServices.logger.mock(),
      });
      const deliver = async (
        id: string,
        eventType: string,
        data: Record<string, unknown>,
      ) => {
        const occurredAt = new Date();
        await store.webhookEvents.saveEvent({
          id,
          account: 'default',
          eventType,
          resourceId: String(data.id),
          occurredAt,
          receivedAt: occurredAt,
          payload: JSON.stringify({
            event: {
              id,
              event_type: eventType,
              occurred_at: occurredAt.toISOString(),
              data,
            },
          }),
        });
        await processor.processPending();
      };

      await deliver('EVT-1', 'incident.triggered', {
        id: 'PINCX01',
        type: 'incident',
        number: 9,
        title: 'Login failing',
        status: 'triggered',
        urgency: 'high',
        service: { id: 'PAUTH00', type: 'service_reference' },
        assignees: [],
      });
      const changes = await replica.refreshSignals();
      expect(changes.map(c => c.ref)).toContain(
        'component:default/auth-service',
      );
      expect(replica.levels('component:default/auth-service')).toMatchObject({
        own: 'major_outage',
      });
      expect(replica.levels('component:default/shop-web')).toMatchObject({
        effective: 'degraded',
      });
      // neither every open incident nor any service was read again
      expect(listChanged).toHaveBeenCalledTimes(1);
      expect(listOpen).not.toHaveBeenCalled();
      expect(listServices).not.toHaveBeenCalled();

      await deliver('EVT-2', 'incident.resolved', {
        id: 'PINCX01',
        type: 'incident',
        number: 9,
        title: 'Login failing',
        status: 'resolved',
        urgency: 'high',
        service: { id: 'PAUTH00', type: 'service_reference' },
        assignees: [],
      });
      await replica.refreshSignals();
      expect(replica.levels('component:default/shop-web')).toMatchObject({
        effective: 'operational',
      });

      // a deleted service: only its account's services are read again
      await deliver('EVT-3', 'service.deleted', {
        id: 'PAUTH00',
        type: 'service',
      });
      await replica.refreshSignals();
      expect(listServices.mock.calls).toEqual([['default']]);
      expect(
        replica.describe('component:default/auth-service', { upstreamDepth: 1 })
          .problems,
      ).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('PagerDuty has no service PAUTH00'),
        }),
      ]);
      expect(listOpen).not.toHaveBeenCalled();
    });

    it('follows the catalog closely for two minutes, then until two reads agree', async () => {
      const { makeEngine } = await setUp();
      let now = Date.now();
      const engine = await makeEngine(() => new Date(now));
      expect(engine.catalogSettling).toBe(true);
      await engine.refreshCatalog();
      await engine.refreshCatalog();
      expect(engine.catalogSettling).toBe(true); // stable, but only just started
      now += 121_000;
      expect(engine.catalogSettling).toBe(false);
    });

    it('reports an unknown PagerDuty ID as a problem', async () => {
      const { sync, engine, describe } = await setUp();
      await sync.syncOnce();
      await engine.refreshCatalog();
      const quote = await describe('component:default/quote-engine');
      expect(quote.monitored).toBe(false);
      expect(quote.problems).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('PagerDuty has no service PNOSUCH'),
        }),
      ]);
    });

    it('records no false transitions after a restart, and the real ones after it', async () => {
      const { store, sync, engine, makeEngine } = await setUp();
      const incident = triggerLoginOutage(sim);
      await sync.syncOnce();
      await engine.refreshCatalog();
      const before = await store.listTransitions('component:default/shop-web');
      expect(before.map(t => t.effectiveTo)).toEqual(['degraded']);

      // a new process on the same database: same levels, no new history
      const restarted = await makeEngine();
      await restarted.refreshCatalog();
      expect(restarted.levels('component:default/shop-web').effective).toBe(
        'degraded',
      );
      expect(
        await store.listTransitions('component:default/shop-web'),
      ).toHaveLength(1);

      sim.state.resolve(incident.id);
      await sync.syncOnce();
      await restarted.refreshSignals();
      const after = await store.listTransitions(
        'component:default/auth-service',
      );
      expect(after.map(t => `${t.effectiveFrom}→${t.effectiveTo}`)).toEqual([
        'major_outage→operational',
        'operational→major_outage',
      ]);
    });
  });
});

describe('StatusEngine with several PagerDuty accounts', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const seedOf = (services: string[]) => ({
      services: services.map(id => ({
        serviceId: id,
        entityName: id.toLowerCase(),
        description: '',
        ownerGroup: 'platform',
      })),
      groups: [
        {
          name: 'platform',
          title: 'Platform',
          members: [
            {
              name: 'p1',
              displayName: 'Platform SRE',
              email: 'p1@example.com',
            },
          ],
        },
      ],
    });
    const inAccount = (entity: Entity, account: string): Entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'pagerduty.com/account': account,
        },
      },
    });
    let us: PagerDutySimulator;
    let eu: PagerDutySimulator;
    beforeEach(async () => {
      us = await startPagerDutySimulator({
        seed: 3,
        historyDays: 1,
        catalog: seedOf(['PAUTH00']),
      });
      // the same service ID exists in both accounts: IDs are unique per account only
      eu = await startPagerDutySimulator({
        seed: 4,
        historyDays: 1,
        catalog: seedOf(['PAUTH00', 'PPAY000']),
      });
    });
    afterEach(async () => {
      await us.close();
      await eu.close();
    });

    it("reads each entity's incidents from its own account, and names unknown accounts", async () => {
      const { store, sync, syncOf, makeEngine } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: us.url,
        logger: mockServices.logger.mock(),
        accounts: { eu: eu.url },
        entities: [
          group('platform'),
          component('auth-service', 'platform', 'PAUTH00', []),
          inAccount(component('eu-auth', 'platform', 'PAUTH00', []), 'eu'),
          inAccount(
            component('eu-payments', 'platform', 'PPAY000', [
              'component:eu-auth',
            ]),
            'eu',
          ),
          inAccount(component('apac-web', 'platform', 'PAUTH00', []), 'apac'),
        ],
      });
      const syncEu = syncOf('eu');

      eu.state.trigger({
        service: 'PAUTH00',
        title: 'EU login failing',
        urgency: 'high',
        priority: 'P1',
      });
      await sync.syncOnce();
      await syncEu.syncOnce();
      const engine = await makeEngine();
      await engine.refreshCatalog();

      expect(engine.levels('component:default/auth-service').own).toBe(
        'operational',
      );
      expect(engine.levels('component:default/eu-auth').own).toBe(
        'major_outage',
      );
      expect(engine.levels('component:default/eu-payments').effective).toBe(
        'degraded',
      );
      expect(
        engine.incidentsOf('component:default/eu-auth').map(i => i.title),
      ).toEqual(['EU login failing']);
      expect(engine.freshness().accounts.map(a => a.account)).toEqual([
        'default',
        'eu',
      ]);

      const apac = await describeEntityStatus({
        ref: 'component:default/apac-web',
        engine,
        store,
        view: callerView([]),
        liveChannel: 'status:test',
      });
      expect(apac.monitored).toBe(false);
      expect(apac.problems).toEqual([
        {
          annotation: 'pagerduty.com/account',
          message: expect.stringContaining(
            'No PagerDuty account "apac" is configured (configured: default, eu)',
          ),
          code: 'unknownAccount',
          params: { account: 'apac', configured: 'default, eu' },
        },
      ]);
    });
  });
});
