/* eslint-disable no-console */
// Scenarios of two backend processes on one PostgreSQL, as two replicas of a
// Backstage: changes received by one reach browsers on the other, both
// graphs converge, duplicated and reordered deliveries end as in order, and
// a replica killed mid-work loses no accepted webhook and its sync resumes
// on the other.
import knexFactory from 'knex';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  quantile,
  syntheticServiceId,
  userHeaders,
} from '../bench/benchSupport';
import {
  accountFreshness,
  Backend,
  databaseUrl,
  newDatabasePrefix,
  record,
  seconds,
  sleep,
  startBackend,
  stopBackend,
  SYNC_SECONDS,
  waitFor,
} from './support';
import {
  deliver,
  Delivery,
  entityStatus,
  incidentDelivery,
  openSignals,
  postAlert,
  Simulator,
} from './traffic';

/**
 * A pass-through to the simulator that notes when it last carried a request:
 * each replica reaches PagerDuty through its own, so the campaign knows which
 * replica is syncing.
 */
async function startRecordingProxy(target: string) {
  const upstream = new URL(target);
  const seen = { lastRequestAt: 0 };
  const server = http.createServer((req, res) => {
    seen.lastRequestAt = performance.now();
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function effectiveLevel(backend: Backend, entity: string) {
  return (await entityStatus(backend, entity)).levels.effective;
}

async function levelsOf(backend: Backend): Promise<Map<string, string>> {
  const response = await fetch(`${backend.baseUrl}/summary?limit=5000`, {
    headers: userHeaders,
    signal: AbortSignal.timeout(10_000),
  });
  const summary = await response.json();
  return new Map(
    summary.entities.map((e: { entityRef: string; effective: string }) => [
      e.entityRef,
      e.effective,
    ]),
  );
}

async function sameLevels(a: Backend, b: Backend) {
  const [left, right] = await Promise.all([levelsOf(a), levelsOf(b)]);
  const differing = [...left].filter(
    ([ref, level]) => right.get(ref) !== level,
  );
  return { entities: left.size, differing: differing.length };
}

/** Alerts sent to one replica, seen by a browser on the other. */
async function crossReplicaPush(a: Backend, b: Backend) {
  const sockets = [await openSignals(a), await openSignals(b)];
  const replicas = [a, b];
  const rounds = 20;
  const latencies: number[] = [];
  let missed = 0;
  let staleFirstReads = 0;
  let notConverged = 0;
  for (let round = 0; round < rounds; round++) {
    const from = round % 2;
    const to = 1 - from;
    const trigger = round % 4 < 2;
    const signal = sockets[to].next(10_000);
    const start = performance.now();
    await postAlert(
      replicas[from],
      'svc-3',
      trigger ? 'trigger' : 'resolve',
      'chaos-cross-replica',
    );
    if (!(await signal)) {
      missed += 1;
      continue;
    }
    latencies.push(performance.now() - start);
    const expected = (level: string) =>
      trigger ? level !== 'operational' : level === 'operational';
    if (!expected(await effectiveLevel(replicas[to], 'svc-3')))
      staleFirstReads += 1;
    const converged = await waitFor(
      async () =>
        expected(await effectiveLevel(replicas[to], 'svc-3'))
          ? true
          : undefined,
      5_000,
    );
    if (!converged) notConverged += 1;
    // let the pushes of this round settle before the next
    await sleep(300);
  }
  sockets.forEach(s => s.close());
  const levels = await sameLevels(a, b);
  const p95 = latencies.length ? quantile(latencies, 0.95) : Infinity;
  record({
    scenario: `${rounds} alerts, each to one replica, a browser on the other`,
    expected:
      'every change pushed to the other replica’s browser within 2 s (p95) and read there as changed; both replicas hold the same levels after',
    observed: `${latencies.length}/${rounds} pushed across, p50 ${seconds(
      latencies.length ? quantile(latencies, 0.5) : 0,
    )}, p95 ${seconds(p95)}; the level read right after the push was ${
      staleFirstReads
        ? `not yet changed ${staleFirstReads} times`
        : 'current every time'
    }${notConverged ? `; ${notConverged} never converged` : ''}; levels of ${
      levels.entities
    } entities differ between replicas for ${levels.differing}`,
    holds:
      missed === 0 &&
      p95 <= 2_000 &&
      notConverged === 0 &&
      staleFirstReads === 0 &&
      levels.differing === 0,
  });
}

async function openIncidentStatuses(backend: Backend, entity: string) {
  return (await entityStatus(backend, entity)).incidents
    .map(i => i.status)
    .sort()
    .join(',');
}

/** Every delivery twice, shuffled, spread over both replicas. */
async function duplicatedAndReordered(
  simulator: Simulator,
  a: Backend,
  b: Backend,
) {
  const incidents = 20;
  const deliveries: Delivery[] = [];
  const expected = new Map<string, string>();
  const base = Date.now();
  for (let k = 0; k < incidents; k++) {
    const entity = `svc-${10 + k}`;
    const at = (s: number) => new Date(base + k * 10 + s * 1000);
    // in order: triggered, acknowledged, and for half of them resolved
    const incident = simulator.state.trigger({
      service: syntheticServiceId(10 + k),
      title: `Chaos ordering ${k}`,
      silent: true,
    });
    deliveries.push(incidentDelivery(simulator, incident.id, at(0)));
    simulator.state.acknowledge(incident.id, { silent: true });
    deliveries.push(incidentDelivery(simulator, incident.id, at(1)));
    if (k % 2 === 0) {
      simulator.state.resolve(incident.id, { silent: true });
      deliveries.push(incidentDelivery(simulator, incident.id, at(2)));
    }
    expected.set(entity, k % 2 === 0 ? '' : 'acknowledged');
  }
  // a seeded shuffle of every delivery twice
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const shuffled = [...deliveries, ...deliveries]
    .map(d => ({ d, key: random() }))
    .sort((x, y) => x.key - y.key)
    .map(x => x.d);
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < shuffled.length; i += 8) {
        const status = await deliver(random() < 0.5 ? a : b, shuffled[i]);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const wrongOn = async (backend: Backend) => {
    const wrong: string[] = [];
    for (const [entity, want] of expected)
      if ((await openIncidentStatuses(backend, entity)) !== want)
        wrong.push(entity);
    return wrong;
  };
  const settled = await waitFor(async () => {
    const wrong = [...(await wrongOn(a)), ...(await wrongOn(b))];
    return wrong.length === 0 ? true : undefined;
  }, 4 * SYNC_SECONDS * 1000);
  const wrongA = await wrongOn(a);
  const wrongB = await wrongOn(b);
  record({
    scenario: `${deliveries.length} PagerDuty deliveries for ${incidents} incidents, each twice, shuffled across both replicas`,
    expected:
      'each replica ends with the in-order state: the resolved incidents gone, the others acknowledged',
    observed: `${[...statuses].map(([s, c]) => `${c}× ${s}`).join(', ')}; ${
      settled
        ? `in-order state on both replicas after ${seconds(settled.afterMs)}`
        : `wrong incidents on A: ${wrongA.join(', ') || 'none'}; on B: ${
            wrongB.join(', ') || 'none'
          }`
    }`,
    holds: Boolean(settled) && wrongA.length === 0 && wrongB.length === 0,
  });
}

/** The sync task's timeout at a 6 s interval: max(60 s, three intervals). */
const SYNC_TIMEOUT_MS = 60_000;
/**
 * How often Backstage's scheduler frees the locks of runs that passed their
 * timeout (its janitor, in `@backstage/backend-defaults`): a dead replica's
 * lock is taken over only at the janitor's next pass.
 */
const JANITOR_INTERVAL_MS = 60_000;

/**
 * A replica killed with SIGKILL while it takes webhooks and alerts and runs
 * the PagerDuty sync: every request it answered 2xx is stored and processed
 * by the survivor, and the sync goes on there.
 */
async function killMidWork(
  simulator: Simulator,
  replicas: { backend: Backend; proxy: { seen: { lastRequestAt: number } } }[],
) {
  // slow PagerDuty so that a sync takes seconds: long enough to be killed in
  simulator.faults.latencyMs = 400;
  const started = performance.now();
  // the victim is the replica that is syncing now
  const syncing = await waitFor(async () => {
    const now = performance.now();
    const busy = replicas.filter(r => now - r.proxy.seen.lastRequestAt < 300);
    return busy.length === 1 ? busy[0] : undefined;
  }, 60_000);
  if (!syncing) {
    simulator.faults.latencyMs = 0;
    record({
      scenario: 'a replica killed (SIGKILL) mid-sync and mid-webhooks',
      expected: 'no accepted webhook lost; the sync resumes on the other',
      observed: `no replica was seen syncing within ${seconds(
        performance.now() - started,
      )}`,
      holds: false,
    });
    return;
  }
  const victim = syncing.value.backend;
  const survivor = replicas.find(r => r.backend !== victim)!.backend;

  // traffic to the victim: PagerDuty webhooks and alerts, recording what it accepted
  const accepted = { webhooks: [] as string[], alerts: [] as string[] };
  let sending = true;
  let sequence = 0;
  const incident = simulator.state.trigger({
    service: syntheticServiceId(35),
    title: 'Chaos kill',
    silent: true,
  });
  const traffic = Promise.all(
    Array.from({ length: 6 }, async (_, worker) => {
      while (sending) {
        const n = sequence++;
        try {
          if (worker % 2) {
            const dedup = `chaos-kill-${n}`;
            const status = await postAlert(victim, 'svc-36', 'trigger', dedup);
            if (status < 300) accepted.alerts.push(dedup);
          } else {
            const delivery = incidentDelivery(
              simulator,
              incident.id,
              new Date(),
            );
            if ((await deliver(victim, delivery)) < 300)
              accepted.webhooks.push(delivery.id);
          }
        } catch {
          // the victim is gone: refused or cut connections accept nothing
          await sleep(50);
        }
      }
    }),
  );
  await sleep(1_000);
  const killedAt = performance.now();
  const killedAtWall = Date.now();
  victim.process.kill('SIGKILL');
  await new Promise(resolve => victim.process.once('exit', resolve));
  await sleep(500);
  sending = false;
  await traffic;
  simulator.faults.latencyMs = 0;

  // what the victim accepted is in the database ...
  const knex = knexFactory({
    client: 'pg',
    connection: databaseUrl(victim.database),
  });
  const storedEvents = new Set(
    (
      await knex('status_pd_webhook_events')
        .whereIn('id', accepted.webhooks)
        .select('id')
    ).map(r => r.id),
  );
  const storedAlerts = new Set(
    (
      await knex('status_alerts')
        .where({ source: 'generic' })
        .whereIn('fingerprint', accepted.alerts)
        .select('fingerprint')
    ).map(r => r.fingerprint),
  );
  const lostWebhooks = accepted.webhooks.filter(id => !storedEvents.has(id));
  const lostAlerts = accepted.alerts.filter(k => !storedAlerts.has(k));
  // ... and the survivor processes the webhook events left pending
  const processed = await waitFor(async () => {
    const pending = await knex('status_pd_webhook_events')
      .whereNull('processed_at')
      .count({ n: '*' });
    return Number(pending[0].n) === 0 ? true : undefined;
  }, 60_000);
  await knex.destroy();
  // the survivor's reads of PagerDuty go on: a sync succeeds after the kill
  const resumed = await waitFor(async () => {
    const account = await accountFreshness(survivor);
    const last = account.lastSuccessAt ? Date.parse(account.lastSuccessAt) : 0;
    return last > killedAtWall ? performance.now() - killedAt : undefined;
  }, 180_000);
  const alive = survivor.process.exitCode === null;
  record({
    scenario:
      'a replica killed (SIGKILL) while syncing PagerDuty and taking webhooks and alerts',
    expected:
      'every webhook and alert it answered 2xx is stored and processed by the survivor; a sync succeeds on the survivor once the dead run’s lock expires: within the sync task’s timeout (60 s) plus one pass of the scheduler’s janitor (every 60 s) and two sync intervals',
    observed: `killed mid-sync after accepting ${
      accepted.webhooks.length
    } webhooks and ${accepted.alerts.length} alerts; lost ${
      lostWebhooks.length
    } webhooks and ${lostAlerts.length} alerts; pending events ${
      processed
        ? `processed by the survivor ${seconds(processed.afterMs)} after`
        : 'still pending after 60 s'
    }; ${
      resumed
        ? `a sync succeeded on the survivor ${seconds(
            resumed.value,
          )} after the kill`
        : 'no sync succeeded on the survivor within 180 s'
    }; survivor ${alive ? 'alive' : 'died'}`,
    holds:
      lostWebhooks.length === 0 &&
      lostAlerts.length === 0 &&
      Boolean(processed) &&
      Boolean(resumed) &&
      resumed!.value <=
        SYNC_TIMEOUT_MS + JANITOR_INTERVAL_MS + 2 * SYNC_SECONDS * 1000 &&
      alive,
  });
}

/** Two replicas on one database: the scenarios above, the kill last. */
export async function replicaScenarios(simulator: Simulator) {
  const prefix = newDatabasePrefix();
  const proxies = [
    await startRecordingProxy(simulator.url),
    await startRecordingProxy(simulator.url),
  ];
  console.log('starting two replicas on one PostgreSQL database');
  const a = await startBackend(proxies[0].url, { prefix });
  const b = await startBackend(proxies[1].url, { prefix });
  try {
    await crossReplicaPush(a, b);
    await duplicatedAndReordered(simulator, a, b);
    await killMidWork(simulator, [
      { backend: a, proxy: proxies[0] },
      { backend: b, proxy: proxies[1] },
    ]);
  } finally {
    await stopBackend(a, { dropDatabase: false });
    await stopBackend(b);
    await Promise.all(proxies.map(p => p.close()));
  }
}
