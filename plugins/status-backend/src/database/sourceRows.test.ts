import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseStatusStore } from './DatabaseStatusStore';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@status-layer/plugin-status-backend',
  'migrations',
);
const SKIPS_MIGRATION = '20261205000000_source_skips.js';

describe('sources left out by a sync', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      return DatabaseStatusStore.create({ database });
    }
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const source = 'pagerduty:default:alerts';
    const reason =
      'the open incidents could not be read from PagerDuty, and alerts are read per open incident';

    it('keeps why a source was left out, and its last attempt, until it is attempted again', async () => {
      const store = await createStore();
      await store.recordSourceAttempt(source, {
        at: at(0),
        ok: true,
        via: 'poll',
      });
      await store.recordSourceAttempt(source, { skipped: reason });
      const [skipped] = await store.listSources();
      expect(skipped).toMatchObject({
        source,
        skippedBecause: reason,
        // not an attempt: what the last one said stays
        lastAttemptAt: at(0),
        lastSuccessAt: at(0),
        consecutiveFailures: 0,
      });
      expect(skipped.lastError).toBeUndefined();

      // an attempt that fails replaces the reason with its own error
      await store.recordSourceAttempt(source, {
        at: at(60),
        ok: false,
        error: 'PagerDuty answered 503',
      });
      expect((await store.listSources())[0]).toMatchObject({
        skippedBecause: undefined,
        lastError: 'PagerDuty answered 503',
        consecutiveFailures: 1,
      });

      // left out again, then read: nothing of it remains
      await store.recordSourceAttempt(source, { skipped: reason });
      expect((await store.listSources())[0]).toMatchObject({
        skippedBecause: reason,
        lastError: 'PagerDuty answered 503',
        consecutiveFailures: 1,
      });
      await store.recordSourceAttempt(source, {
        at: at(120),
        ok: true,
        via: 'poll',
      });
      expect((await store.listSources())[0]).toMatchObject({
        skippedBecause: undefined,
        lastError: undefined,
        lastSuccessAt: at(120),
        consecutiveFailures: 0,
      });
    });

    it('records a source left out before it was ever read', async () => {
      const store = await createStore();
      await store.recordSourceAttempt(source, { skipped: reason });
      expect(await store.listSources()).toEqual([
        { source, skippedBecause: reason, consecutiveFailures: 0 },
      ]);
    });

    it('steps the migration of skipped sources down and up around seeded rows', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('status_sources').insert([
        {
          source,
          last_attempt_at: at(0),
          last_success_at: at(0),
          consecutive_failures: 0,
          skipped_because: reason,
        },
        {
          source: 'pagerduty:default:incidents',
          last_attempt_at: at(0),
          last_error: 'PagerDuty answered 500',
          failing_since: at(0),
          consecutive_failures: 1,
        },
      ]);
      const step = { directory: migrationsDir, name: SKIPS_MIGRATION };
      await knex.migrate.down(step);
      expect(
        await knex.schema.hasColumn('status_sources', 'skipped_because'),
      ).toBe(false);
      expect(
        (await knex('status_sources').orderBy('source')).map(r => [
          r.source,
          r.last_error,
          Number(r.consecutive_failures),
        ]),
      ).toEqual([
        [source, null, 0],
        ['pagerduty:default:incidents', 'PagerDuty answered 500', 1],
      ]);
      await knex.migrate.up(step);
      // the rows stay, none of them left out
      expect(
        (await knex('status_sources').orderBy('source')).map(r => [
          r.source,
          r.skipped_because,
        ]),
      ).toEqual([
        [source, null],
        ['pagerduty:default:incidents', null],
      ]);
    });
  });
});
