import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseStatusStore } from '../database/DatabaseStatusStore';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * The databases the store tests run on: SQLite always, and every PostgreSQL
 * whose `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set. Never
 * Docker, which these machines do not have.
 *
 * @remarks
 * With `STATUS_TEST_REQUIRE_POSTGRES=1` (set by CI) a run without any
 * PostgreSQL fails instead of quietly testing SQLite only.
 *
 * @internal
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [...POSTGRES_IDS, 'SQLITE_3'],
    disableDocker: true,
  });
  const hasPostgres = POSTGRES_IDS.some(id => databases.supports(id));
  if (process.env.STATUS_TEST_REQUIRE_POSTGRES && !hasPostgres) {
    throw new Error(
      'STATUS_TEST_REQUIRE_POSTGRES is set but no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING is',
    );
  }
  return databases;
}

/**
 * A database of `databases` with every status table created by the plugin's
 * own migrations, for tests of one store.
 *
 * @internal
 */
export async function migratedDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  await DatabaseStatusStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return knex;
}
