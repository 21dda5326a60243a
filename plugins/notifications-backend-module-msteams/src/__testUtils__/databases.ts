import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite always, and every PostgreSQL whose
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set; never
 * Docker. With `STATUS_TEST_REQUIRE_POSTGRES=1` (CI) a run without any
 * PostgreSQL fails instead of quietly testing SQLite only.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [...POSTGRES_IDS, 'SQLITE_3'],
    disableDocker: true,
  });
  if (
    process.env.STATUS_TEST_REQUIRE_POSTGRES &&
    !POSTGRES_IDS.some(id => databases.supports(id))
  )
    throw new Error(
      'STATUS_TEST_REQUIRE_POSTGRES is set but no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING is',
    );
  return databases;
}
