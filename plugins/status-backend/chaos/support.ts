/* eslint-disable no-console */
// What the reliability campaign's scenarios share: the table of results,
// backend processes on the throwaway PostgreSQL, waiting and timing.
import knexFactory, { Knex } from 'knex';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { userHeaders } from '../bench/benchSupport';
import type { ProcessMetrics } from './backendProcess';

export const SERVICES = 40;
export const FAULT_SECONDS = Number(
  process.env.STATUS_CHAOS_FAULT_SECONDS ?? 60,
);
export const SYNC_SECONDS = 6;
export const WEBHOOK_SECRET = 'chaos-webhook-secret';
export const ALERT_SECRET = 'chaos-alert-secret';
export const postgres = process.env.STATUS_CHAOS_POSTGRES ?? '';

export type Row = {
  scenario: string;
  expected: string;
  observed: string;
  holds: boolean;
};
export const rows: Row[] = [];
export const record = (row: Row) => {
  rows.push(row);
  console.log(
    `${row.holds ? 'HOLDS' : 'FAILS'}  ${row.scenario}: ${row.observed}`,
  );
};

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

export type Backend = {
  baseUrl: string;
  process: ChildProcess;
  /** The prefix of its plugins' databases (one per plugin, as in production). */
  prefix: string;
  /** The status plugin's database. */
  database: string;
  /** What the process has printed of its own measures so far, oldest first. */
  metrics: ProcessMetrics[];
};

/** A fresh prefix for a backend's (or replicas') per-plugin databases. */
export function newDatabasePrefix(): string {
  return `chaos_${Date.now()}_${randomBytes(3).toString('hex')}_`;
}

export const databaseUrl = (database: string) =>
  `${postgres.replace(/\/$/, '')}/${database}`;

export function statusConfig(simulatorUrl: string) {
  return {
    status: {
      pagerDuty: {
        apiToken: 'simulator-token',
        apiBaseUrl: simulatorUrl,
        webhookSecrets: [WEBHOOK_SECRET],
        syncIntervalSeconds: SYNC_SECONDS,
        staleAfterMissedSyncs: 2,
      },
      alerts: {
        sources: {
          // the soak sends 200 alerts/s through this one source
          generic: { secret: ALERT_SECRET, maxRequestsPerMinute: 30_000 },
          alertmanager: { secret: ALERT_SECRET },
          datadog: { secret: ALERT_SECRET },
        },
      },
    },
  };
}

/**
 * Starts a backend process, on its own databases unless given their prefix
 * (replicas share theirs); resolves when its engine answers.
 */
export async function startBackend(
  simulatorUrl: string,
  options: { prefix?: string } = {},
): Promise<Backend> {
  const prefix = options.prefix ?? newDatabasePrefix();
  const database = `${prefix}status`;
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      require.resolve('./backendProcess.ts'),
    ],
    {
      env: {
        ...process.env,
        STATUS_CHAOS_BACKEND: JSON.stringify({
          server: postgres,
          prefix,
          services: SERVICES,
          config: statusConfig(simulatorUrl),
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const metrics: ProcessMetrics[] = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', line => {
      if (line.startsWith('READY ')) resolve(line.slice(6));
      if (line.startsWith('METRICS ')) metrics.push(JSON.parse(line.slice(8)));
    });
    child.once('exit', code =>
      reject(new Error(`backend exited with ${code}`)),
    );
  });
  return { baseUrl, process: child, prefix, database, metrics };
}

/** Stops a backend process (if it still runs); `dropDatabase` also drops its database. */
export async function stopBackend(
  backend: Backend,
  options: { dropDatabase: boolean } = { dropDatabase: true },
) {
  if (
    backend.process.exitCode === null &&
    backend.process.signalCode === null
  ) {
    backend.process.kill('SIGTERM');
    await new Promise(resolve => backend.process.once('exit', resolve));
  }
  if (!options.dropDatabase) return;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  const databases = await admin('pg_database')
    .where('datname', 'like', `${backend.prefix}%`)
    .select('datname');
  for (const { datname } of databases)
    await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.destroy();
}

/** The table of results, as Markdown. */
export function printTable(): number {
  console.log(
    '\n| scenario | expected | observed | holds |\n|---|---|---|---|',
  );
  for (const row of rows)
    console.log(
      `| ${row.scenario} | ${row.expected} | ${row.observed} | ${
        row.holds ? 'yes' : '**no**'
      } |`,
    );
  const failed = rows.filter(r => !r.holds).length;
  console.log(`\n${rows.length - failed} of ${rows.length} scenarios hold`);
  return failed;
}

export async function accountFreshness(backend: Backend) {
  const response = await fetch(
    `${backend.baseUrl}/summary?level=major_outage`,
    {
      headers: userHeaders,
      signal: AbortSignal.timeout(10_000),
    },
  );
  const summary = await response.json();
  return summary.freshness.accounts[0] as {
    stale: boolean;
    lastError: string | null;
    lastSuccessAt: string | null;
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<{ value: T; afterMs: number } | undefined> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined)
      return { value, afterMs: performance.now() - start };
    await sleep(250);
  }
  return undefined;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function tableCounts(database: string) {
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: databaseUrl(database),
  });
  try {
    const count = async (table: string) =>
      Number((await knex(table).count({ n: '*' }))[0].n);
    return {
      webhookEvents: await count('status_pd_webhook_events'),
      alerts: await count('status_alerts'),
    };
  } finally {
    await knex.destroy();
  }
}
