/* eslint-disable no-console */
// Scenarios of one backend process against failing dependencies: PagerDuty
// answering errors or nothing, PostgreSQL stopped and started, fuzzed input.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startSyntheticSimulator, userHeaders } from '../bench/benchSupport';
import { fuzzedRequest } from './fuzz';
import {
  accountFreshness,
  ALERT_SECRET,
  Backend,
  FAULT_SECONDS,
  postgres,
  record,
  seconds,
  sleep,
  SYNC_SECONDS,
  tableCounts,
  waitFor,
  WEBHOOK_SECRET,
} from './support';

/** PagerDuty failing one way for FAULT_SECONDS, then recovering. */
export async function pagerDutyFault(
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

export async function fuzz(backend: Backend, total: number) {
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

export async function postgresRestart(backend: Backend) {
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
