/* eslint-disable no-console */
// What the backend benchmarks share: a silent logger, quantiles, and running
// a measurement on SQLite and on a fresh PostgreSQL database.
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A logger that says nothing: benchmarks print their own figures. */
export const silentLogger: LoggerService = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** The silent logger as the test backend's logger service. */
export const silentLoggerFactory = createServiceFactory({
  service: coreServices.logger,
  deps: {},
  factory: () => silentLogger,
});

/** The value below which a fraction `q` of the samples lie. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** An SQLite database in memory. */
export function memorySqlite(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
}

/**
 * Runs a measurement on an SQLite file, then on a fresh database of the
 * PostgreSQL in BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (skipped
 * with a line saying so when it is not set), cleaning up after each.
 */
export async function onEachDatabase(
  name: string,
  run: (label: string, knex: Knex) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `status-${name}-`));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'status.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await run('SQLite (a file)', sqlite);
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const postgres =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!postgres) {
    console.log(
      '  PostgreSQL: skipped (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    );
    return;
  }
  const database = `status_${name}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`CREATE DATABASE ${database}`);
  const pg = knexFactory({
    client: 'pg',
    connection: `${postgres.replace(/\/$/, '')}/${database}`,
  });
  try {
    await run('PostgreSQL 15', pg);
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE ${database}`);
    await admin.destroy();
  }
}
