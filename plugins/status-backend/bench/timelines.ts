/* eslint-disable no-console */
// Benchmark of incident timelines at 2,000 services with a day of 500
// incidents: PagerDuty log requests per sync while the day's major incidents
// are caught up and after; how many syncs until a P1 resolved during that
// catch-up has a complete timeline; and the timeline view's own time (the
// route without HTTP) for a P1 that reached 111 entities. Run with
// `yarn bench:timelines`; prints figures, asserts nothing.
import { stringifyEntityRef } from '@backstage/catalog-model';
import { performance } from 'node:perf_hooks';
import { callerView } from '../src/__testUtils__/callerView';
import { createStatusStack } from '../src/__testUtils__/statusStack';
import { describeIncidentTimeline } from '../src/service/incidentTimeline';
import {
  latencyStats,
  memorySqlite,
  seededRandom,
  silentLogger,
  startSyntheticSimulator,
  syntheticServiceId,
} from './benchSupport';

const SERVICES = 2_000;
const INCIDENTS_PER_DAY = 500;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const TIMELINE_READS = 200;

/** A ten-way tree: svc-i depends critically on svc-⌊(i−1)/10⌋, so an outage of svc-5 reaches 111 entities. */
function organisation() {
  return Array.from({ length: SERVICES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      annotations: {
        'pagerduty.com/service-id': syntheticServiceId(i),
        // the parent is critical: an outage reaches the whole subtree
        ...(i
          ? {
              'status.backstage.io/critical-dependencies': `component:default/svc-${Math.floor(
                (i - 1) / 10,
              )}`,
            }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 50}`,
      dependsOn: i ? [`component:default/svc-${Math.floor((i - 1) / 10)}`] : [],
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/team-${i % 50}` },
      ...(i
        ? [
            {
              type: 'dependsOn',
              targetRef: `component:default/svc-${Math.floor((i - 1) / 10)}`,
            },
          ]
        : []),
    ],
  }));
}

/** 2 % P1, 8 % P2, 20 % P3, the rest without a priority. */
function priorityOf(roll: number): string | undefined {
  if (roll < 0.02) return 'P1';
  if (roll < 0.1) return 'P2';
  if (roll < 0.3) return 'P3';
  return undefined;
}

async function main() {
  const sim = await startSyntheticSimulator({
    services: SERVICES,
    groups: 50,
    seed: 35,
    historyDays: 0,
    rateLimitPerMinute: 1_000_000,
  });
  // a day of incidents: 2 % P1, 8 % P2, the rest lower or without a priority
  const random = seededRandom(35);
  const now = sim.state.now().getTime();
  for (let i = 0; i < INCIDENTS_PER_DAY; i++) {
    const at = new Date(now - DAY_MS + (i * DAY_MS) / INCIDENTS_PER_DAY);
    const roll = random();
    const incident = sim.state.trigger({
      service: syntheticServiceId(Math.floor(random() * SERVICES)),
      title: `Incident ${i}`,
      urgency: roll < 0.4 ? 'high' : 'low',
      priority: priorityOf(roll),
      at,
      silent: true,
    });
    sim.state.acknowledge(incident.id, {
      at: new Date(at.getTime() + 3 * MINUTE_MS),
      silent: true,
    });
    const resolvedAt = at.getTime() + (10 + random() * 50) * MINUTE_MS;
    if (resolvedAt < now)
      sim.state.resolve(incident.id, {
        at: new Date(resolvedAt),
        silent: true,
      });
  }
  const incidents = [...sim.state.incidents.values()];
  const knex = memorySqlite();
  const entities = organisation();
  const { store, sync, makeEngine } = await createStatusStack({
    knex,
    pagerDutyUrl: sim.url,
    logger: silentLogger,
    entities,
    client: { requestsPerMinute: 1_000_000, backoffMs: 5 },
  });

  // the first syncs: the backfill brings the day's resolved incidents, and
  // the timelines part reads the major ones' logs, 20 per sync at most
  const perSync: { requests: number; logReads: number }[] = [];
  let p1: { id: string } | undefined;
  let p1Resolved = -1;
  let p1Complete = -1;
  for (let s = 0; s < 60; s++) {
    if (s === 1) {
      // a P1 opens while the day's backlog is still being read
      p1 = sim.state.trigger({
        service: syntheticServiceId(5),
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
        silent: true,
      });
    }
    if (s === 3 && p1) {
      sim.state.resolve(p1.id, { silent: true });
      p1Resolved = s;
    }
    const result = await sync.syncOnce();
    perSync.push({ requests: result.requests, logReads: result.logReads ?? 0 });
    if (p1 && p1Resolved >= 0 && p1Complete < 0) {
      const read = await store.timelines.readStateOf('default', p1.id);
      if (read?.complete) p1Complete = s;
    }
    const due = await store.timelines.incompleteMajorIncidents(
      'default',
      new Date(now - 14 * DAY_MS),
      1_000,
    );
    const stillDue = due.filter(
      d => !d.read?.readAt || d.incident.status === 'resolved',
    );
    if (!result.backfill && stillDue.length === 0 && p1Complete >= 0) break;
  }
  const major = incidents.filter(
    i =>
      ['P1', 'P2'].includes(
        sim.state.priorities.find(p => p.id === i.priorityId)?.name ?? '',
      ) ||
      (!i.priorityId && i.urgency === 'high'),
  ).length;
  const reads = perSync.map(p => p.logReads);
  const catchUp = reads.findIndex((r, i) => i > 0 && r === 0);
  console.log(
    `Incident timelines at ${SERVICES} services, ${INCIDENTS_PER_DAY} incidents in the last day (${major} major, their logs to read)`,
  );
  console.log(
    `  log requests per sync while catching up: ${Math.max(
      ...reads,
    )} at most (of ${Math.max(
      ...perSync.map(p => p.requests),
    )} requests in the busiest sync; budget 500); the day's major incidents read in ${
      catchUp < 0 ? perSync.length : catchUp
    } syncs`,
  );
  const steady = await sync.syncOnce();
  console.log(
    `  log requests per sync once caught up: ${steady.logReads ?? 0} (${
      steady.requests
    } requests in all)`,
  );
  console.log(
    `  a P1 resolved at sync ${
      p1Resolved + 1
    } during the catch-up: timeline complete after ${
      p1Complete - p1Resolved + 1
    } sync(s), i.e. within ${
      p1Complete - p1Resolved + 1
    } sync interval(s) of its resolution`,
  );

  // the view of one P1's timeline, with its impact over a subtree
  const engine = await makeEngine();
  await engine.refreshCatalog();
  const outage = sim.state.trigger({
    service: syntheticServiceId(5),
    title: 'Login failing again',
    urgency: 'high',
    priority: 'P1',
    silent: true,
  });
  await sync.syncOnce();
  await engine.refreshSignals();
  sim.state.resolve(outage.id, { silent: true });
  await sync.syncOnce();
  await engine.refreshSignals();
  const view = callerView(entities.map(e => stringifyEntityRef(e)));
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < TIMELINE_READS; i++) {
    const start = performance.now();
    const timeline = await describeIncidentTimeline({
      store,
      engine,
      view,
      account: 'default',
      id: outage.id,
      now: new Date(),
    });
    samples.push(performance.now() - start);
    size = timeline.impact.length;
  }
  console.log(
    `  timeline view of a P1 that reached ${size} entities (in process, SQLite): ${latencyStats(
      samples,
    )}`,
  );
  await sim.close();
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
