/* eslint-disable no-console */
// Benchmark of one PagerDuty account's sync against the strict simulator:
// requests and time per full sync at 2,000 and 10,000 services with 500 open
// incidents, and how soon a failing endpoint's data is fresh again once it
// recovers; and the first start's backfill of 90 days of resolved incidents:
// how many syncs and requests it takes within each sync's budget; and the
// first read of PagerDuty's service graph at 2,000 services (one request per
// service, a bounded number per sync). Run with `yarn bench:sync` (or
// `yarn bench:sync dependencies` for the graph alone); prints figures,
// asserts nothing.
import { performance } from 'node:perf_hooks';
import { createStatusStack } from '../src/__testUtils__/statusStack';
import { DEFAULT_MAX_REQUESTS_PER_SYNC } from '../src/pagerduty/PagerDutySync';
import { DEFAULT_DEPENDENCY_READS_PER_SYNC } from '../src/pagerduty/syncServiceDependencies';
import {
  memorySqlite,
  silentLogger,
  startSyntheticSimulator,
  syntheticServiceId,
} from './benchSupport';

const OPEN_INCIDENTS = 500;

async function measure(services: number) {
  const groups = Math.max(10, Math.round(services / 40));
  const sim = await startSyntheticSimulator({
    services,
    groups,
    seed: 3,
    historyDays: 1,
    // requests are counted here, not rate-limited
    rateLimitPerMinute: 1_000_000,
  });
  for (let i = 0; i < OPEN_INCIDENTS; i++) {
    sim.state.trigger({
      service: syntheticServiceId((i * 7919) % services),
      title: `Incident ${i}`,
      urgency: i % 3 ? 'low' : 'high',
      silent: true,
    });
  }
  const knex = memorySqlite();
  const { store, sync } = await createStatusStack({
    knex,
    pagerDutyUrl: sim.url,
    logger: silentLogger,
    // production's retries, with short backoffs: time is not what is measured
    client: { requestsPerMinute: 1_000_000, backoffMs: 5 },
  });
  const setFaults = (faults: object) =>
    fetch(`${sim.url}/_control/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(faults),
    });

  let start = performance.now();
  const first = await sync.syncOnce();
  const firstMs = performance.now() - start;
  start = performance.now();
  const second = await sync.syncOnce();
  const secondMs = performance.now() - start;
  console.log(
    `  ${services} services, ${first.openIncidents} open incidents, ${
      policiesOf(await store.listServices('default')).size
    } escalation policies: first sync ${
      first.requests
    } requests in ${firstMs.toFixed(0)} ms (${
      first.alertLookups
    } incident-alert lookups); next sync ${
      second.requests
    } requests in ${secondMs.toFixed(0)} ms`,
  );

  // one endpoint fails for two syncs, then recovers
  await setFaults({
    endpoints: { '/oncalls': { mode: 'error', status: 503 } },
  });
  const failing = await sync.syncOnce();
  const fresh = failing.parts.filter(p => p.ok).map(p => p.part);
  await sync.syncOnce();
  await setFaults({ endpoints: { '/oncalls': null } });
  const recovered = performance.now();
  let syncs = 0;
  for (;;) {
    syncs += 1;
    const result = await sync.syncOnce();
    if (result.parts.every(p => p.ok)) break;
  }
  console.log(
    `    /oncalls answering 503: ${
      failing.requests
    } requests per sync (5xx retried), still fresh: ${fresh.join(
      ', ',
    )}; after it recovers, on-calls fresh after ${syncs} sync (${(
      performance.now() - recovered
    ).toFixed(
      0,
    )} ms of sync; at most one sync interval plus that in production)`,
  );

  await setFaults({
    endpoints: { '/incidents': { mode: 'endless-more' } },
  });
  const endless = await sync.syncOnce();
  console.log(
    `    /incidents answering more=true forever: ${
      endless.requests
    } requests, every part fresh: ${endless.parts.every(p => p.ok)}`,
  );
  await sim.close();
  await knex.destroy();
}

/** The first start's backfill: 90 days of resolved incidents of every service. */
async function measureBackfill(services: number) {
  const seeding = performance.now();
  const sim = await startSyntheticSimulator({
    services,
    groups: Math.max(10, Math.round(services / 40)),
    seed: 5,
    historyDays: 90,
    rateLimitPerMinute: 1_000_000,
  });
  const seededMs = performance.now() - seeding;
  const past = [...sim.state.incidents.values()].filter(
    i => i.status === 'resolved',
  ).length;
  const knex = memorySqlite();
  const { sync } = await createStatusStack({
    knex,
    pagerDutyUrl: sim.url,
    logger: silentLogger,
    client: { requestsPerMinute: 1_000_000, backoffMs: 5 },
  });
  const perSync: { requests: number; ms: number }[] = [];
  let stored = 0;
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    const result = await sync.syncOnce();
    perSync.push({ requests: result.requests, ms: performance.now() - start });
    if (!result.backfill) break;
    stored = result.backfill.incidents;
    if (result.backfill.finishedAt) break;
  }
  const start = performance.now();
  const after = await sync.syncOnce();
  const afterMs = performance.now() - start;
  // one analytics request per page of 1,000, at most five per sync
  const backfillRequests = Math.ceil(stored / 1000);
  console.log(
    `  backfill at ${services} services (${past} resolved incidents seeded in ${(
      seededMs / 1000
    ).toFixed(1)} s): ${stored} stored in ${
      perSync.length
    } syncs, ${backfillRequests} analytics requests; syncs then took ${Math.max(
      ...perSync.map(s => s.requests),
    )} requests at most (budget 500) and ${Math.max(
      ...perSync.map(s => s.ms),
    ).toFixed(0)} ms at most, against ${
      after.requests
    } requests in ${afterMs.toFixed(0)} ms once it is done`,
  );
  await sim.close();
  await knex.destroy();
}

/**
 * The first read of PagerDuty's service graph (three dependencies per
 * service) alongside 500 open incidents: requests per sync while it is read,
 * how many syncs it takes, and the requests of a sync once it is read.
 */
async function measureDependencies(services: number) {
  const sim = await startSyntheticSimulator({
    services,
    groups: Math.max(10, Math.round(services / 40)),
    seed: 7,
    historyDays: 1,
    rateLimitPerMinute: 1_000_000,
    dependenciesPerService: 3,
  });
  for (let i = 0; i < OPEN_INCIDENTS; i++) {
    sim.state.trigger({
      service: syntheticServiceId((i * 7919) % services),
      title: `Incident ${i}`,
      urgency: i % 3 ? 'low' : 'high',
      silent: true,
    });
  }
  const knex = memorySqlite();
  const { sync } = await createStatusStack({
    knex,
    pagerDutyUrl: sim.url,
    logger: silentLogger,
    client: { requestsPerMinute: 1_000_000, backoffMs: 5 },
  });
  const perSync: { requests: number; reads: number; ms: number }[] = [];
  let read = 0;
  while (read < services && perSync.length < 200) {
    const start = performance.now();
    const result = await sync.syncOnce();
    read += result.dependencyReads ?? 0;
    perSync.push({
      requests: result.requests,
      reads: result.dependencyReads ?? 0,
      ms: performance.now() - start,
    });
  }
  const start = performance.now();
  const settled = await sync.syncOnce();
  const settledMs = performance.now() - start;
  const max = Math.max(...perSync.map(s => s.requests));
  console.log(
    `  service graph at ${services} services (${
      sim.state.serviceDependencies.length
    } dependencies, ${DEFAULT_DEPENDENCY_READS_PER_SYNC} services read per sync): read in ${
      perSync.length
    } syncs; first sync ${perSync[0].requests} requests (${
      perSync[0].reads
    } of them dependency reads, plus 1 business services list), then ${
      perSync[1]?.requests
    }; at most ${max} requests per sync (budget ${DEFAULT_MAX_REQUESTS_PER_SYNC}) and ${Math.max(
      ...perSync.map(s => s.ms),
    ).toFixed(0)} ms; once read, ${settled.requests} requests (${
      settled.dependencyReads
    } dependency reads) in ${settledMs.toFixed(
      0,
    )} ms until services are due again after 6 hours`,
  );
  await sim.close();
  await knex.destroy();
}

function policiesOf(services: { escalationPolicyId?: string }[]) {
  return new Set(services.map(s => s.escalationPolicyId));
}

async function main() {
  console.log('PagerDuty sync against the strict simulator (SQLite in memory)');
  if (process.argv.includes('dependencies')) {
    await measureDependencies(2_000);
    return;
  }
  for (const services of [2_000, 10_000]) await measure(services);
  for (const services of [2_000, 10_000]) await measureBackfill(services);
  await measureDependencies(2_000);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
