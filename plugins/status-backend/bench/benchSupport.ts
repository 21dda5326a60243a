/* eslint-disable no-console */
// What the backend benchmarks share: a silent logger, quantiles, and running
// a measurement on SQLite and on a fresh PostgreSQL database.
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Random, startPagerDutySimulator } from '@internal/pagerduty-simulator';
import { Entity } from '@backstage/catalog-model';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStatusTestBackend } from '../src/__testUtils__/startStatusTestBackend';

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

/**
 * The simulator's deterministic generator (mulberry32) as a function of
 * numbers in [0, 1), so that benchmark runs compare.
 */
/** The median and 95th percentile of latencies, as the benchmarks print them. */
export function latencyStats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
}

export function seededRandom(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
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

  const pg = await freshPostgres(name);
  if (!pg) {
    console.log(
      '  PostgreSQL: skipped (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    );
    return;
  }
  try {
    await run('PostgreSQL 15', pg.knex);
  } finally {
    await pg.drop();
  }
}

/**
 * A new database on the PostgreSQL of
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, and how to drop it;
 * undefined when that is not set.
 */
export async function freshPostgres(
  name: string,
): Promise<{ knex: Knex; drop: () => Promise<void> } | undefined> {
  const postgres =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!postgres) return undefined;
  const database = `status_${name}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`CREATE DATABASE ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${postgres.replace(/\/$/, '')}/${database}`,
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${database}`);
      await admin.destroy();
    },
  };
}

/** A signed-in user's header for the test backend's mocked auth. */
export const userHeaders = {
  Authorization: mockCredentials.user.header('user:default/guest'),
};

/**
 * The status plugin as the backend runs it, on real HTTP: its database, a
 * catalog of the given entities, the given config, a silent logger. With
 * `runStartupTasks` its scheduled tasks run once at start-up (the catalog
 * read and the PagerDuty sync), and this waits until the engine answers.
 */
export async function startStatusBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: object;
  runStartupTasks?: boolean;
}): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = await startStatusTestBackend({
    ...options,
    features: [silentLoggerFactory],
  });
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/status`;
  if (options.runStartupTasks) await waitForStatusEngine(baseUrl, 60_000);
  return { baseUrl, close: async () => void (await server.close?.()) };
}

/**
 * Waits until the status API at `baseUrl` answers: the engine reads the
 * catalog at start-up, and until then the API answers 503.
 */
export async function waitForStatusEngine(
  baseUrl: string,
  timeoutMs: number,
): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    const response = await fetch(`${baseUrl}/summary?level=operational`, {
      headers: userHeaders,
    });
    await response.text();
    if (response.ok) return;
    if (waited > timeoutMs)
      throw new Error('the status engine never got ready');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** A PagerDuty ID for the n-th synthetic service. */
export const syntheticServiceId = (i: number) =>
  `P${String(i).padStart(6, '0')}`;

/**
 * A simulator with `services` synthetic services (`svc-<n>`) spread over
 * `groups` teams of three people, for the benchmarks.
 */
export function startSyntheticSimulator(options: {
  services: number;
  groups: number;
  seed: number;
  historyDays: number;
  rateLimitPerMinute?: number;
  /** Edges of PagerDuty's service graph per service (none by default). */
  dependenciesPerService?: number;
}) {
  const perService = options.dependenciesPerService ?? 0;
  return startPagerDutySimulator({
    seed: options.seed,
    historyDays: options.historyDays,
    rateLimitPerMinute: options.rateLimitPerMinute,
    catalog: {
      services: Array.from({ length: options.services }, (_, i) => ({
        serviceId: syntheticServiceId(i),
        entityName: `svc-${i}`,
        description: '',
        ownerGroup: `team-${i % options.groups}`,
      })),
      groups: Array.from({ length: options.groups }, (_, g) => ({
        name: `team-${g}`,
        title: `Team ${g}`,
        members: [0, 1, 2].map(m => ({
          name: `u${g}-${m}`,
          displayName: `User ${g}-${m}`,
          email: `u${g}-${m}@example.com`,
        })),
      })),
      // each service needs the next few: a chain PagerDuty knows
      dependencies: Array.from({ length: options.services }, (_, i) =>
        Array.from({ length: perService }, (__, k) => ({
          dependent: `svc-${i}`,
          supporting: `svc-${(i + k + 1) % options.services}`,
        })),
      ).flat(),
    },
  });
}
