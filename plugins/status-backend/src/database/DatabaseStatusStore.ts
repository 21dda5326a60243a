import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { StatusStore } from './StatusStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-status-backend',
  'migrations',
);

/**
 * The key under which the store records when its schema was first created.
 *
 * @internal
 */
export const SCHEMA_CREATED_AT_KEY = 'schema_created_at';

/**
 * {@link StatusStore} on the plugin's knex database (PostgreSQL or SQLite).
 *
 * @internal
 */
export class DatabaseStatusStore implements StatusStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseStatusStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    const store = new DatabaseStatusStore(client);
    if (!(await store.getMeta(SCHEMA_CREATED_AT_KEY))) {
      await store.setMeta(SCHEMA_CREATED_AT_KEY, new Date().toISOString());
    }
    return store;
  }

  private constructor(private readonly db: Knex) {}

  async ping(): Promise<void> {
    await this.db('status_meta').select('key').limit(1);
  }

  async getMeta(
    key: string,
  ): Promise<{ value: string; updatedAt: Date } | undefined> {
    const row = await this.db('status_meta')
      .where({ key })
      .first(['value', 'updated_at']);
    if (!row) {
      return undefined;
    }
    // SQLite returns timestamps as strings or epoch numbers, PostgreSQL as Date
    return { value: row.value, updatedAt: new Date(row.updated_at) };
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db('status_meta')
      .insert({ key, value, updated_at: this.db.fn.now() })
      .onConflict('key')
      .merge(['value', 'updated_at']);
  }
}
