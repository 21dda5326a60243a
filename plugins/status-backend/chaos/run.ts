/* eslint-disable no-console */
// The reliability campaign (`yarn chaos`): status backends as their own
// processes on a throwaway PostgreSQL (started by scripts/chaos.sh, which can
// restart it), the PagerDuty simulator with faults, and a table of each
// scenario, what it expects and what was observed. Exits non-zero when a row
// does not hold. STATUS_CHAOS_FAULT_SECONDS shortens the PagerDuty outages
// (default 60: ten minutes compressed tenfold, with a sync every 6 s instead
// of every 60 s).
import knexFactory, { Knex } from 'knex';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startSyntheticSimulator, userHeaders } from '../bench/benchSupport';
import { fuzzedRequest } from './fuzz';

const SERVICES = 40;
const FAULT_SECONDS = Number(process.env.STATUS_CHAOS_FAULT_SECONDS ?? 60);
const SYNC_SECONDS = 6;
const WEBHOOK_SECRET = 'chaos-webhook-secret';
const ALERT_SECRET = 'chaos-alert-secret';
const postgres = process.env.STATUS_CHAOS_POSTGRES ?? '';

type Row = {
  scenario: string;
  expected: string;
  observed: string;
  holds: boolean;
};
const rows: Row[] = [];
const record = (row: Row) => {
  rows.push(row);
  console.log(
    `${row.holds ? 'HOLDS' : 'FAILS'}  ${row.scenario}: ${row.observed}`,
  );
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

type Backend = { baseUrl: string; process: ChildProcess; database: string };

async function createDatabase(): Promise<string> {
  const name = `status_chaos_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  return name;
}

const databaseUrl = (database: string) =>
  `${postgres.replace(/\/$/, '')}/${database}`;

function statusConfig(simulatorUrl: string) {
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
          generic: { secret: ALERT_SECRET },
          alertmanager: { secret: ALERT_SECRET },
          datadog: { secret: ALERT_SECRET },
        },
      },
    },
  };
}

/** Starts a backend process on its own database; resolves when its engine answers. */
async function startBackend(simulatorUrl: string): Promise<Backend> {
  const database = await createDatabase();
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
          connection: databaseUrl(database),
          services: SERVICES,
          config: statusConfig(simulatorUrl),
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', line => {
      if (line.startsWith('READY ')) resolve(line.slice(6));
    });
    child.once('exit', code =>
      reject(new Error(`backend exited with ${code}`)),
    );
  });
  return { baseUrl, process: child, database };
}

async function stopBackend(backend: Backend) {
  if (backend.process.exitCode === null) {
    backend.process.kill('SIGTERM');
    await new Promise(resolve => backend.process.once('exit', resolve));
  }
  const admin = knexFactory({ client: 'pg', connection: postgres });
  await admin.raw(`DROP DATABASE IF EXISTS ${backend.database} WITH (FORCE)`);
  await admin.destroy();
}

async function accountFreshness(backend: Backend) {
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

async function waitFor<T>(
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** PagerDuty failing one way for FAULT_SECONDS, then recovering. */
async function pagerDutyFault(
  name: string,
  simulator: Awaited<ReturnType<typeof startSyntheticSimulator>>,
  backend: Backend,
  faults: Record<string, unknown>,
) {
  // the simulator reads its faults object on every request
  const clear = { ...simulator.faults };
  Object.assign(simulator.faults, faults);
  const faultStart = performance.now();
  const windowMs = FAULT_SECONDS * 1000;
  // throughout the fault the last-known data must keep being served
  let answered = 0;
  let failed = 0;
  const probing = (async () => {
    while (performance.now() - faultStart < windowMs) {
      const response = await fetch(
        `${backend.baseUrl}/entities/component/default/svc-1`,
        { headers: userHeaders, signal: AbortSignal.timeout(10_000) },
      ).catch(() => undefined);
      if (response?.ok) answered += 1;
      else failed += 1;
      await response?.text();
      await sleep(1000);
    }
  })();
  const stale = await waitFor(async () => {
    const account = await accountFreshness(backend);
    return account.stale && account.lastError ? account : undefined;
  }, windowMs);
  await probing;
  Object.assign(simulator.faults, clear);
  const recovered = await waitFor(async () => {
    const account = await accountFreshness(backend);
    return account.stale ? undefined : account;
  }, 4 * SYNC_SECONDS * 1000);
  const alive = backend.process.exitCode === null;
  const holds =
    Boolean(stale) &&
    Boolean(recovered) &&
    recovered!.afterMs <= 2 * SYNC_SECONDS * 1000 &&
    failed === 0 &&
    alive;
  record({
    scenario: `PagerDuty ${name} for ${FAULT_SECONDS} s`,
    expected:
      'last-known data served and marked stale with the reason; fresh again within one sync of the end (+ the sync itself); no crash',
    observed: [
      stale
        ? `stale after ${seconds(stale.afterMs)} ("${stale.value.lastError}")`
        : 'never marked stale',
      `entity answered ${answered}/${answered + failed} times during the fault`,
      recovered
        ? `fresh ${seconds(recovered.afterMs)} after the end`
        : 'not fresh again',
      alive ? 'process alive' : 'process died',
    ].join('; '),
    holds,
  });
}

async function tableCounts(database: string) {
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

async function fuzz(backend: Backend, total: number) {
  const before = await tableCounts(backend.database);
  const statuses = new Map<number, number>();
  const accepted: string[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const request = fuzzedRequest(next++, {
        webhookSecret: WEBHOOK_SECRET,
        alertSecret: ALERT_SECRET,
      });
      const response = await fetch(`${backend.baseUrl}${request.path}`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(15_000),
      }).catch(() => undefined);
      if (!response) {
        errors += 1;
        continue;
      }
      await response.arrayBuffer().catch(() => undefined);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status < 300 && accepted.length < 5)
        accepted.push(
          `${request.path} ${request.body.toString('utf8', 0, 160)}`,
        );
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const tookMs = performance.now() - start;
  const after = await tableCounts(backend.database);
  const serverErrors = [...statuses]
    .filter(([s]) => s >= 500)
    .reduce((n, [, c]) => n + c, 0);
  const stored =
    after.webhookEvents - before.webhookEvents + (after.alerts - before.alerts);
  record({
    scenario: `${total.toLocaleString(
      'en-US',
    )} fuzzed webhook and alert bodies and headers`,
    expected: '0 answers 5xx, 0 failed connections, nothing stored',
    observed: `${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${c}× ${s}`)
      .join(
        ', ',
      )}; ${errors} failed connections; ${stored} rows stored; ${seconds(
      tookMs,
    )}`,
    holds:
      serverErrors === 0 &&
      errors === 0 &&
      stored === 0 &&
      backend.process.exitCode === null,
  });
  for (const sample of accepted) console.log(`  accepted: ${sample}`);
}

async function postgresRestart(backend: Backend) {
  const {
    STATUS_CHAOS_PG_DIR: dir,
    STATUS_CHAOS_PG_CTL: pgCtl,
    STATUS_CHAOS_PG_RUNAS: runAs,
  } = process.env;
  if (!dir || !pgCtl) {
    record({
      scenario: 'PostgreSQL restarted',
      expected:
        'requests fail with 503 during the restart, recover without a backend restart',
      observed:
        'not run: no PostgreSQL this script may restart (run it through `yarn chaos`)',
      holds: false,
    });
    return;
  }
  type Outcome = number | 'timeout' | 'error';
  const results: { status: Outcome; ms: number }[] = [];
  const succeeded = (status: Outcome) =>
    typeof status === 'number' && status < 300;
  let probing = true;
  let sequence = 0;
  const probe = async () => {
    while (probing) {
      const body = JSON.stringify({
        routing_key: 'svc-2',
        event_action: 'trigger',
        dedup_key: `restart-${sequence++}`,
        payload: {
          summary: 'Restart probe',
          source: 'svc-2',
          severity: 'warning',
        },
      });
      const start = performance.now();
      const response = await fetch(`${backend.baseUrl}/webhooks/generic`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ALERT_SECRET}`,
        },
        body,
        signal: AbortSignal.timeout(15_000),
      }).catch(
        (error): Outcome =>
          error?.name === 'TimeoutError' ? 'timeout' : 'error',
      );
      const status = response instanceof Response ? response.status : response;
      if (response instanceof Response) await response.text();
      results.push({ status, ms: performance.now() - start });
      await sleep(100);
    }
  };
  const probing$ = probe();
  await sleep(1000);
  const pgControl = (...args: string[]) => {
    const command = [pgCtl, '-D', `${dir}/data`, '-w', '-t', '60', ...args];
    execFileSync(
      runAs ? 'runuser' : command[0],
      runAs ? ['-u', runAs, '--', ...command] : command.slice(1),
      { stdio: 'ignore' },
    );
  };
  // down long enough for requests to meet it: stopped, 5 s, started again
  const restartStart = performance.now();
  pgControl('-m', 'fast', 'stop');
  await sleep(5_000);
  // started as scripts/setup.sh starts it: same port, socket folder, settings
  const port = new URL(postgres).port;
  pgControl(
    '-l',
    `${dir}/server.log`,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  );
  const restartMs = performance.now() - restartStart;
  const recovered = await waitFor(async () => {
    const last = results.at(-1);
    return last && succeeded(last.status) ? last : undefined;
  }, 60_000);
  probing = false;
  await probing$;
  const failures = results.filter(r => !succeeded(r.status));
  const byStatus = new Map<string, number>();
  for (const f of failures)
    byStatus.set(String(f.status), (byStatus.get(String(f.status)) ?? 0) + 1);
  const slowest = Math.max(...results.map(r => r.ms));
  const holds =
    Boolean(recovered) &&
    failures.every(f => f.status === 503) &&
    slowest < 10_000 &&
    backend.process.exitCode === null;
  record({
    scenario: 'PostgreSQL stopped for 5 s and started, under alert traffic',
    expected:
      'requests during the restart answer 503 within 10 s (no hang); 2xx again without a backend restart',
    observed: `down for ${seconds(restartMs)}; ${results.length} requests, ${
      failures.length
    } failed (${
      [...byStatus].map(([s, c]) => `${c}× ${s}`).join(', ') || 'none'
    }); slowest ${seconds(slowest)}; ${
      recovered
        ? `2xx again ${seconds(recovered.afterMs)} after the restart`
        : 'never recovered'
    }; ${backend.process.exitCode === null ? 'same process' : 'process died'}`,
    holds,
  });
}

async function main() {
  if (!postgres) {
    console.error('STATUS_CHAOS_POSTGRES is not set: run `yarn chaos`');
    process.exit(2);
  }
  const simulator = await startSyntheticSimulator({
    services: SERVICES,
    groups: 5,
    seed: 42,
    historyDays: 0,
  });
  console.log(
    `simulator on ${simulator.url}; starting a backend process on PostgreSQL`,
  );
  const backend = await startBackend(simulator.url);
  try {
    await fuzz(backend, Number(process.env.STATUS_CHAOS_FUZZ ?? 10_000));
    await pagerDutyFault('answering 503', simulator, backend, {
      errorRate: 1,
      errorStatuses: [503],
    });
    await pagerDutyFault('answering 429', simulator, backend, {
      errorRate: 1,
      errorStatuses: [429],
    });
    await pagerDutyFault('not answering (timeouts)', simulator, backend, {
      hangRate: 1,
    });
    await postgresRestart(backend);
  } finally {
    await stopBackend(backend);
    await simulator.close();
  }

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
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
