import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  DatabaseStatusStore,
  SCHEMA_CREATED_AT_KEY,
} from './DatabaseStatusStore';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@status-layer/plugin-status-backend',
  'migrations',
);

describe('DatabaseStatusStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return { knex, store: await DatabaseStatusStore.create({ database }) };
    }

    it('migrates, answers pings and records when the schema was created', async () => {
      const { store } = await createStore();
      await expect(store.ping()).resolves.toBeUndefined();
      const created = await store.getMeta(SCHEMA_CREATED_AT_KEY);
      expect(created).toBeDefined();
      expect(Number.isNaN(Date.parse(created!.value))).toBe(false);
      expect(created!.updatedAt).toBeInstanceOf(Date);
    });

    it('writes, overwrites and reads facts', async () => {
      const { store } = await createStore();
      expect(await store.getMeta('last_sync')).toBeUndefined();
      await store.setMeta('last_sync', 'first');
      await store.setMeta('last_sync', 'second');
      expect(await store.getMeta('last_sync')).toEqual({
        value: 'second',
        updatedAt: expect.any(Date),
      });
    });

    it("keeps each account's backfill progress on its own", async () => {
      const { store } = await createStore();
      expect(await store.getBackfillProgress('default')).toBeUndefined();
      const from = new Date(0).toISOString();
      const until = new Date(86_400_000).toISOString();
      await store.setBackfillProgress('default', {
        from,
        until,
        incidents: 3,
        cursor: 'next',
      });
      await store.setBackfillProgress('eu', { from, until, incidents: 0 });
      await store.setBackfillProgress('default', {
        from,
        until,
        incidents: 5,
        finishedAt: until,
      });
      expect(await store.getBackfillProgress('default')).toEqual({
        from,
        until,
        incidents: 5,
        finishedAt: until,
      });
      expect(await store.getBackfillProgress('eu')).toEqual({
        from,
        until,
        incidents: 0,
      });
    });

    it('keeps its data when created again on the same database', async () => {
      const { knex, store } = await createStore();
      await store.setMeta('kept', 'yes');
      const created = await store.getMeta(SCHEMA_CREATED_AT_KEY);
      const again = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      expect(await again.getMeta('kept')).toMatchObject({ value: 'yes' });
      expect(await again.getMeta(SCHEMA_CREATED_AT_KEY)).toMatchObject({
        value: created!.value,
      });
    });

    it('steps the status_meta migration down and up again', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261121000000_status_meta.js',
      });
      await knex('status_meta').insert({ key: 'seeded', value: 'row' });
      expect(await knex.schema.hasTable('status_meta')).toBe(true);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_meta')).toBe(false);
      await knex.migrate.up({ directory: migrationsDir });
      const [{ n }] = await knex('status_meta').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('steps every migration down and up around seeded rows', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('status_transitions').insert({
        entity_ref: 'component:default/a',
        effective_from: 'operational',
        effective_to: 'degraded',
        at: new Date(),
      });
      await knex('status_pd_incidents').insert({
        account: 'default',
        id: 'PINC001',
        number: 1,
        title: 'Login failing',
        service_id: 'PAUTH01',
        status: 'triggered',
        urgency: 'high',
        priority: 'P1',
        created_at: new Date(),
        changed_at: new Date('2031-01-02T03:04:05.000Z'),
        observed_at: new Date('2031-01-02T03:04:05.000Z'),
      });
      await knex('status_alerts').insert({
        source: 'alertmanager',
        fingerprint: 'f1',
        state: 'firing',
        severity: 'critical',
        title: 'x',
        started_at: new Date(),
        labels: '{}',
        received_at: new Date('2031-01-02T03:04:05.000Z'),
        changed_at: new Date('2031-01-02T03:04:05.000Z'),
      });
      await knex('status_change_events').insert({
        account: 'default',
        id: '01CHANGE',
        service_id: 'PAUTH01',
        at: new Date(),
        summary: 'Deployed auth-service',
        links: '[]',
      });
      await knex('status_subscriptions').insert({
        user_ref: 'user:default/dana',
        target_ref: 'component:default/shop-web',
        created_at: new Date(),
      });
      await knex('status_incident_updates').insert({
        account: 'default',
        incident_id: 'PINC001',
        kind: 'note',
        id: 'PNOTE01',
        at: new Date(),
        message: 'Rolling back',
      });
      await knex('status_entities_first_seen').insert({
        entity_ref: 'component:default/shop-web',
        first_seen_at: new Date(),
      });
      await knex('status_incident_log_entries').insert({
        account: 'default',
        incident_id: 'PINC001',
        id: 'PLOG001',
        type: 'annotate_log_entry',
        at: new Date(),
        summary: 'Note added',
        note: 'Postmortem: https://wiki.example.com/pm/1',
      });
      await knex('status_incident_postmortems').insert({
        account: 'default',
        incident_id: 'PINC001',
        url: 'https://wiki.example.com/pm/1',
        set_by: 'user:default/dana',
        set_at: new Date(),
      });
      await knex('status_objective_budgets').insert({
        entity_ref: 'component:default/shop-web',
        summary: JSON.stringify({
          target: 0.999,
          windowDays: 30,
          ownUsed: 0,
          inheritedUsed: 0.5,
          computedAt: new Date().toISOString(),
        }),
        burning: 'inherited',
        computed_at: new Date(),
      });
      await knex('status_budget_episodes').insert({
        entity_ref: 'component:default/shop-web',
        cause: 'inherited',
        started_at: new Date(),
      });
      // the kept error budgets and burn episodes go, nothing else
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_objective_budgets')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('status_budget_episodes')).toBe(false);
      expect(await knex('status_incident_postmortems').pluck('url')).toEqual([
        'https://wiki.example.com/pm/1',
      ]);
      await knex.migrate.up({ directory: migrationsDir });
      expect(
        await knex('status_objective_budgets').pluck('entity_ref'),
      ).toEqual([]);
      await knex.migrate.down({ directory: migrationsDir });
      // the newest migrations first: incident timelines (their tables and
      // the start-time indexes go; incidents and alerts stay), when incidents
      // were stored (the column goes, the incident stays), PagerDuty's
      // service graph, then the services mapped in the portal (their tables go)
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_incident_log_entries')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('status_incident_postmortems')).toBe(
        false,
      );
      expect(await knex('status_alerts').pluck('fingerprint')).toEqual(['f1']);
      await knex.migrate.up({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_incident_log_reads')).toBe(
        true,
      );
      await knex.migrate.down({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn('status_pd_incidents', 'stored_at'),
      ).toBe(false);
      expect(await knex('status_pd_incidents').pluck('id')).toEqual([
        'PINC001',
      ]);
      // up again: a stored incident counts as written when last observed
      await knex.migrate.up({ directory: migrationsDir });
      const [stored] = await knex('status_pd_incidents');
      expect(new Date(stored.stored_at)).toEqual(
        new Date('2031-01-02T03:04:05.000Z'),
      );
      await knex.migrate.down({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_service_dependencies')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('status_service_mappings')).toBe(true);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_service_mappings')).toBe(false);
      // when entities first appeared (the table goes)
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_entities_first_seen')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('status_user_views')).toBe(true);
      // then skipped sources (the column goes), incident updates, notifications
      // (episodes, subscriptions and users' views go), who resolved an incident (the incident
      // stays), change events, the transitions' time index (the table and its
      // rows stay), alerts' changed_at, freshness per part, webhook events,
      // then alerts
      await knex.migrate.down({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn('status_sources', 'skipped_because'),
      ).toBe(false);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_incident_updates')).toBe(false);
      await knex.migrate.down({ directory: migrationsDir });
      for (const table of [
        'status_notification_episodes',
        'status_subscriptions',
        'status_user_views',
      ])
        expect(await knex.schema.hasTable(table)).toBe(false);
      await knex.migrate.down({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn('status_pd_incidents', 'resolved_by'),
      ).toBe(false);
      expect(await knex('status_pd_incidents').pluck('id')).toEqual([
        'PINC001',
      ]);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_change_events')).toBe(false);
      const transitionsBefore = await knex('status_transitions').pluck('id');
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex('status_transitions').pluck('id')).toEqual(
        transitionsBefore,
      );
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasColumn('status_alerts', 'changed_at')).toBe(
        false,
      );
      await knex.migrate.up({ directory: migrationsDir });
      // rows written before it take their receipt as their last change
      const [alertRow] = await knex('status_alerts');
      expect(new Date(alertRow.changed_at)).toEqual(
        new Date(alertRow.received_at),
      );
      await knex.migrate.down({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn('status_pd_incidents', 'observed_at'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('status_sources', 'failing_since'),
      ).toBe(false);
      expect(await knex('status_pd_incidents').pluck('priority')).toEqual([
        'P1',
      ]);
      await knex.migrate.up({ directory: migrationsDir });
      // rows written before it take their last status change as observed
      const [row] = await knex('status_pd_incidents');
      expect(new Date(row.observed_at)).toEqual(new Date(row.changed_at));
      await knex.migrate.down({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_pd_webhook_events')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('status_alerts')).toBe(true);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_alerts')).toBe(false);
      expect(await knex.schema.hasTable('status_transitions')).toBe(true);
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_transitions')).toBe(false);
      expect(await knex.schema.hasTable('status_meta')).toBe(true);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of [
        'status_pd_webhook_events',
        'status_alerts',
        'status_pd_services',
        'status_pd_incidents',
        'status_pd_oncalls',
        'status_sources',
        'status_transitions',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    });
  });
});
