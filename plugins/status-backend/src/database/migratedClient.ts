import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@status-layer/plugin-status-backend',
  'migrations',
);

/**
 * The plugin database's client, its schema brought up to date by the
 * plugin's migrations unless the database says to skip them (or `skip`).
 */
export async function migratedClient(
  database: DatabaseService,
  skip?: boolean,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip && !skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
