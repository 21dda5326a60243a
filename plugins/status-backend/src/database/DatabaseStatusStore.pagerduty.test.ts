import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from './DatabaseStatusStore';
import { StoredIncident } from './types';

jest.setTimeout(60_000);

const t = (iso: string) => new Date(iso);

const incident = (overrides: Partial<StoredIncident> = {}): StoredIncident => ({
  account: 'default',
  id: 'PINC001',
  number: 42,
  title: 'Login failing',
  serviceId: 'PAUTH01',
  status: 'triggered',
  urgency: 'high',
  priority: 'P1',
  htmlUrl: 'https://acme.pagerduty.com/incidents/PINC001',
  createdAt: t('2026-11-21T10:00:00.000Z'),
  changedAt: t('2026-11-21T10:00:00.000Z'),
  observedAt: t('2026-11-21T10:00:00.000Z'),
  assignees: [
    {
      id: 'PUSER01',
      name: 'Platform SRE',
      email: 'platform-sre@meridian.example',
    },
  ],
  conferenceUrl: 'https://meet.example.com/x',
  ...overrides,
});

describe('DatabaseStatusStore: PagerDuty data, freshness and history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    }

    it("replaces an account's services with a full sync, leaving other accounts alone", async () => {
      const store = await createStore();
      const syncedAt = t('2026-11-21T10:00:00.000Z');
      await store.replaceServices('default', [
        {
          account: 'default',
          id: 'PA',
          name: 'auth-service',
          teams: [{ id: 'PT', name: 'Platform' }],
          escalationPolicyId: 'PE',
          syncedAt,
        },
        {
          account: 'default',
          id: 'PB',
          name: 'old-service',
          teams: [],
          syncedAt,
        },
      ]);
      await store.replaceServices('eu', [
        { account: 'eu', id: 'PC', name: 'eu-service', teams: [], syncedAt },
      ]);
      await store.replaceServices('default', [
        {
          account: 'default',
          id: 'PA',
          name: 'auth-service v2',
          teams: [],
          syncedAt,
        },
      ]);
      expect(
        (await store.listServices()).map(s => `${s.account}/${s.id}/${s.name}`),
      ).toEqual(['default/PA/auth-service v2', 'eu/PC/eu-service']);
      expect((await store.listServices('eu'))[0].syncedAt).toEqual(syncedAt);
    });

    it('stores incidents, keeps the later observation when updates arrive out of order, and lists the open ones', async () => {
      const store = await createStore();
      await store.upsertIncidents([incident()]);
      const acknowledged = incident({
        status: 'acknowledged',
        acknowledgedAt: t('2026-11-21T10:05:00.000Z'),
        changedAt: t('2026-11-21T10:05:00.000Z'),
        observedAt: t('2026-11-21T10:05:00.000Z'),
      });
      const resolved = incident({
        status: 'resolved',
        acknowledgedAt: t('2026-11-21T10:05:00.000Z'),
        resolvedAt: t('2026-11-21T10:30:00.000Z'),
        changedAt: t('2026-11-21T10:30:00.000Z'),
        observedAt: t('2026-11-21T10:30:00.000Z'),
      });
      await store.upsertIncidents([resolved]);
      await store.upsertIncidents([acknowledged]); // late: must not reopen it
      expect(await store.getIncident('default', 'PINC001')).toEqual(resolved);
      expect(await store.listOpenIncidents()).toEqual([]);

      const open = incident({
        id: 'PINC002',
        number: 43,
        priority: undefined,
        conferenceUrl: undefined,
      });
      await store.upsertIncidents([open]);
      expect(await store.listOpenIncidents()).toEqual([open]);
    });

    it('lets a later poll correct what a webhook left, whatever the precision of its times', async () => {
      const store = await createStore();
      // a webhook at 10:05:00.700 said resolved...
      await store.upsertIncidents([
        incident({
          status: 'resolved',
          resolvedAt: t('2026-11-21T10:05:00.700Z'),
          changedAt: t('2026-11-21T10:05:00.700Z'),
          observedAt: t('2026-11-21T10:05:00.700Z'),
        }),
      ]);
      // ...a poll asked at 10:06 finds it reopened at 10:05:00 (PagerDuty writes seconds)
      const reopened = incident({
        status: 'triggered',
        changedAt: t('2026-11-21T10:05:00.000Z'),
        observedAt: t('2026-11-21T10:06:00.000Z'),
      });
      await store.upsertIncidents([reopened]);
      expect(await store.getIncident('default', 'PINC001')).toEqual(reopened);
      // a webhook that occurred while an older poll was on its way wins over it
      const acknowledged = incident({
        status: 'acknowledged',
        acknowledgedAt: t('2026-11-21T10:07:10.000Z'),
        observedAt: t('2026-11-21T10:07:10.000Z'),
      });
      await store.upsertIncidents([acknowledged]);
      await store.upsertIncidents([
        incident({ observedAt: t('2026-11-21T10:07:00.000Z') }),
      ]);
      expect(await store.getIncident('default', 'PINC001')).toEqual(
        acknowledged,
      );
    });

    it('lists the incidents written since a time, whatever their status, and not those an older observation left alone', async () => {
      const store = await createStore();
      await store.upsertIncidents([
        incident({ id: 'PINC001' }),
        incident({ id: 'PINC002', serviceId: 'PPAY001' }),
      ]);
      // a new millisecond on the store's clock: nothing written in it yet
      const written = Date.now();
      while (Date.now() <= written) await Promise.resolve();
      const since = new Date();
      expect(await store.listIncidentsStoredSince(since)).toEqual([]);
      const resolvedAt = t('2026-11-21T11:00:00.000Z');
      await store.upsertIncidents([
        incident({
          id: 'PINC002',
          serviceId: 'PPAY001',
          status: 'resolved',
          resolvedAt,
          observedAt: resolvedAt,
        }),
        // older than what is stored: no write, so not listed
        incident({ id: 'PINC001', observedAt: t('2026-11-21T09:00:00.000Z') }),
      ]);
      expect(
        (await store.listIncidentsStoredSince(since)).map(
          i => `${i.id} ${i.status}`,
        ),
      ).toEqual(['PINC002 resolved']);
    });

    it("changes an account's services version with every write of its services, and only then", async () => {
      const store = await createStore();
      expect(await store.servicesVersions()).toEqual(new Map());
      const syncedAt = t('2026-11-21T10:00:00.000Z');
      await store.replaceServices('default', [
        { account: 'default', id: 'PA', name: 'a', teams: [], syncedAt },
      ]);
      await store.replaceServices('eu', [
        { account: 'eu', id: 'PE', name: 'e', teams: [], syncedAt },
      ]);
      // an account without services that stays so has nothing to follow
      await store.replaceServices('apac', []);
      const first = await store.servicesVersions();
      expect([...first.keys()].sort()).toEqual(['default', 'eu']);
      // the next sync reads the same services: nothing for readers to read
      await store.replaceServices('default', [
        {
          account: 'default',
          id: 'PA',
          name: 'a',
          teams: [],
          syncedAt: t('2026-11-21T10:01:00.000Z'),
        },
      ]);
      expect(await store.servicesVersions()).toEqual(first);
      expect((await store.listServices('default'))[0].syncedAt).toEqual(
        t('2026-11-21T10:01:00.000Z'),
      );
      await store.upsertIncidents([incident()]);
      expect(await store.servicesVersions()).toEqual(first);
      await store.updateService('default', 'PA', { name: 'renamed' });
      const second = await store.servicesVersions();
      expect(second.get('default')).not.toBe(first.get('default'));
      expect(second.get('eu')).toBe(first.get('eu'));
      await store.updateService('default', 'PA', null);
      expect((await store.servicesVersions()).get('default')).not.toBe(
        second.get('default'),
      );
    });

    it('takes duplicate rows and long priority names in one write', async () => {
      const store = await createStore();
      const later = incident({
        status: 'acknowledged',
        priority: `SEV-1 customer impacting ${'x'.repeat(200)}`,
        observedAt: t('2026-11-21T10:01:00.000Z'),
      });
      await store.upsertIncidents([incident(), later, incident()]);
      expect(await store.getIncident('default', 'PINC001')).toEqual(later);
      const service = {
        account: 'default',
        id: 'PA',
        name: 'auth-service',
        teams: [],
        syncedAt: t('2026-11-21T10:00:00.000Z'),
      };
      await store.replaceServices('default', [
        service,
        { ...service, name: 'auth-service v2' },
      ]);
      expect((await store.listServices()).map(s => s.name)).toEqual([
        'auth-service v2',
      ]);
      const onCall = {
        account: 'default',
        escalationPolicyId: 'PE1',
        level: 1,
        user: { id: 'u1', name: 'One' },
      };
      await store.replaceOnCalls('default', ['PE1'], [onCall, onCall]);
      expect(await store.listOnCalls('default')).toHaveLength(1);
    });

    it('stores many incidents at once', async () => {
      const store = await createStore();
      const many = Array.from({ length: 260 }, (_, i) =>
        incident({ id: `P${String(i).padStart(6, '0')}`, number: i }),
      );
      await store.upsertIncidents(many);
      expect((await store.listOpenIncidents()).length).toBe(260);
    });

    it('replaces on-calls per escalation policy', async () => {
      const store = await createStore();
      const user = (id: string) => ({
        id,
        name: id,
        email: `${id}@example.com`,
      });
      const start = t('2026-11-16T09:00:00.000Z');
      const end = t('2026-11-23T09:00:00.000Z');
      await store.replaceOnCalls(
        'default',
        ['PE1', 'PE2'],
        [
          {
            account: 'default',
            escalationPolicyId: 'PE1',
            level: 1,
            user: user('u1'),
            start,
            end,
          },
          {
            account: 'default',
            escalationPolicyId: 'PE1',
            level: 2,
            user: user('lead'),
          },
          {
            account: 'default',
            escalationPolicyId: 'PE2',
            level: 1,
            user: user('u2'),
            start,
            end,
          },
        ],
      );
      await store.replaceOnCalls(
        'default',
        ['PE1'],
        [
          {
            account: 'default',
            escalationPolicyId: 'PE1',
            level: 1,
            user: user('u3'),
            start,
            end,
          },
        ],
      );
      const onCalls = await store.listOnCalls('default');
      expect(
        onCalls.map(o => `${o.escalationPolicyId}:${o.level}:${o.user.id}`),
      ).toEqual(['PE1:1:u3', 'PE2:1:u2']);
      expect(onCalls[0]).toMatchObject({
        start,
        end,
        user: { email: 'u3@example.com' },
      });
      expect(await store.listOnCalls('default', ['PE2'])).toHaveLength(1);
    });

    it('keeps the last success of a source when later attempts fail, counting them from the first', async () => {
      const store = await createStore();
      const source = 'pagerduty:default:incidents';
      await store.recordSourceAttempt(source, {
        at: t('2026-11-21T10:00:00.000Z'),
        ok: true,
        via: 'poll',
      });
      for (const at of ['10:01', '10:02']) {
        await store.recordSourceAttempt(source, {
          at: t(`2026-11-21T${at}:00.000Z`),
          ok: false,
          error: 'HTTP 503',
        });
      }
      expect(await store.listSources()).toEqual([
        {
          source,
          lastAttemptAt: t('2026-11-21T10:02:00.000Z'),
          lastSuccessAt: t('2026-11-21T10:00:00.000Z'),
          lastSuccessVia: 'poll',
          lastError: 'HTTP 503',
          failingSince: t('2026-11-21T10:01:00.000Z'),
          consecutiveFailures: 2,
        },
      ]);
      await store.recordSourceAttempt(source, {
        at: t('2026-11-21T10:03:00.000Z'),
        ok: true,
        via: 'poll',
      });
      expect((await store.listSources())[0]).toMatchObject({
        lastSuccessAt: t('2026-11-21T10:03:00.000Z'),
        lastError: undefined,
        failingSince: undefined,
        consecutiveFailures: 0,
      });
      // a source that never succeeded still counts its failures
      await store.recordSourceAttempt('pagerduty:eu:oncalls', {
        at: t('2026-11-21T10:04:00.000Z'),
        ok: false,
        error: 'PagerDuty answered 401',
      });
      expect(
        (await store.listSources()).find(s =>
          s.source.startsWith('pagerduty:eu'),
        ),
      ).toMatchObject({
        lastSuccessAt: undefined,
        failingSince: t('2026-11-21T10:04:00.000Z'),
        consecutiveFailures: 1,
      });
    });

    it("records level transitions and lists an entity's history newest first", async () => {
      const store = await createStore();
      await store.recordTransitions([
        {
          entityRef: 'component:default/cart-api',
          effectiveFrom: 'operational',
          effectiveTo: 'major_outage',
          ownFrom: 'operational',
          ownTo: 'operational',
          at: t('2026-11-21T10:00:00.000Z'),
          reason: { rootCauses: ['component:default/auth-service'] },
        },
        {
          entityRef: 'component:default/cart-api',
          effectiveFrom: 'major_outage',
          effectiveTo: 'operational',
          at: t('2026-11-21T10:30:00.000Z'),
        },
        {
          entityRef: 'component:default/other',
          effectiveFrom: 'operational',
          effectiveTo: 'degraded',
          at: t('2026-11-21T10:10:00.000Z'),
        },
      ]);
      const history = await store.listTransitions('component:default/cart-api');
      expect(history.map(h => h.effectiveTo)).toEqual([
        'operational',
        'major_outage',
      ]);
      expect(history[1].reason).toEqual({
        rootCauses: ['component:default/auth-service'],
      });
      expect(
        await store.listTransitions('component:default/cart-api', {
          since: t('2026-11-21T10:15:00.000Z'),
        }),
      ).toHaveLength(1);
      expect(await store.lastLevels()).toEqual(
        new Map([
          ['component:default/cart-api', { effective: 'operational' }],
          ['component:default/other', { effective: 'degraded' }],
        ]),
      );
    });
  });
});
