/* eslint-disable no-console */
// Benchmark of the status engine against the PagerDuty simulator on a
// generated organisation. Run with `yarn bench`; prints figures, asserts nothing.
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { performance } from 'node:perf_hooks';
import { createStatusStack } from '../src/__testUtils__/statusStack';
import { describeEntityStatus } from '../src/service/entityStatus';
import { summariseStatus } from '../src/service/summary';
import { measureCatalogChanges } from './catalogChanges';
import {
  freshPostgres,
  latencyStats,
  memorySqlite,
  silentLogger,
  startStatusBackend,
  userHeaders,
  startSyntheticSimulator,
  seededRandom,
  syntheticServiceId,
} from './benchSupport';

/** `--entities N` sizes the organisation (10,000 by default); `--engine-only` skips HTTP and the notifier. */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const ENTITIES = Number(argument('--entities') ?? 10_000);
const ENGINE_ONLY = process.argv.includes('--engine-only');
/** `--no-http` keeps the notifier's figures and leaves out those over HTTP. */
const NO_HTTP = process.argv.includes('--no-http');
/** `--database postgres` keeps the engine's store on PostgreSQL; in-memory SQLite by default. */
const DATABASE = argument('--database') ?? 'sqlite';
// three dependsOn edges per component; a fifth on PagerDuty up to 2,000, a tenth past that
const EDGES = ENTITIES * 3;
const PAGERDUTY_SERVICES = Math.max(2_000, Math.round(ENTITIES / 10));
const OPEN_INCIDENTS = 500;
const GROUPS = 50;

const random = seededRandom(7);
const pick = (n: number) => Math.floor(random() * n);
const serviceId = syntheticServiceId;

const stats = latencyStats;

/**
 * The plugin as the backend runs it, behind real HTTP with authentication:
 * its own database, its scheduled sync of the simulator, the catalog service
 * (an in-memory one: the real catalog's cost is outside this plugin), and
 * 1,000 requests per route with a signed-in user's token.
 */
async function measureOverHttp(options: {
  sim: PagerDutySimulator;
  entities: Entity[];
}) {
  const { sim, entities } = options;
  const knex = memorySqlite();
  const backend = await startStatusBackend({
    knex,
    entities,
    config: {
      status: {
        pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
      },
    },
    runStartupTasks: true,
  });
  const get = async (path: string) => {
    const response = await fetch(`${backend.baseUrl}${path}`, {
      headers: userHeaders,
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body}`);
    return body;
  };
  const requestsBefore = sim.requestCount;

  const firstSummary = performance.now();
  const firstSummaryBytes = (await get('/summary')).length;
  const firstSummaryMs = performance.now() - firstSummary;

  const entityTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 1000; i++) {
    const path = `/entities/component/default/svc-${pick(ENTITIES)}`;
    const start = performance.now();
    bytes += (await get(path)).length;
    entityTimes.push(performance.now() - start);
  }
  console.log(
    `  GET /entities/... over HTTP (1000 requests, signed in): ${stats(
      entityTimes,
    )}, ${(bytes / 1000 / 1024).toFixed(1)} KiB per answer`,
  );
  const summaryTimes: number[] = [];
  bytes = 0;
  for (let i = 0; i < 1000; i++) {
    const path =
      i % 2 ? `/summary?owner=group:default/team-${i % GROUPS}` : '/summary';
    const start = performance.now();
    bytes += (await get(path)).length;
    summaryTimes.push(performance.now() - start);
  }
  console.log(
    `  GET /summary over HTTP (1000 requests, half of them filtered by owner): ${stats(
      summaryTimes,
    )}; the caller's first, reading their visible entities: ${firstSummaryMs.toFixed(
      0,
    )} ms; ${(bytes / 1000 / 1024).toFixed(
      1,
    )} KiB per answer; the first answer ${(firstSummaryBytes / 1024).toFixed(
      1,
    )} KiB`,
  );
  const rowTimes: number[] = [];
  bytes = 0;
  for (let i = 0; i < 1000; i++) {
    // the "everything" list: its first page, then pages further down, some filtered
    const path =
      i % 4 === 3
        ? `/summary/rows?q=svc-${i % 100}&group=owner`
        : `/summary/rows?offset=${(i % 4) * 2000}`;
    const start = performance.now();
    bytes += (await get(path)).length;
    rowTimes.push(performance.now() - start);
  }
  console.log(
    `  GET /summary/rows over HTTP (1000 pages of 200 rows, a quarter searched): ${stats(
      rowTimes,
    )}; ${(bytes / 1000 / 1024).toFixed(1)} KiB per answer`,
  );
  const coverageTimes: number[] = [];
  bytes = 0;
  for (let i = 0; i < 100; i++) {
    // the coverage tab: its first page, then the unmonitored of one team
    const path =
      i % 2
        ? `/coverage?monitored=no&owner=group:default/team-${i % GROUPS}`
        : '/coverage';
    const start = performance.now();
    bytes += (await get(path)).length;
    coverageTimes.push(performance.now() - start);
  }
  console.log(
    `  GET /coverage over HTTP (100 requests, half filtered): ${stats(
      coverageTimes,
    )}; ${(bytes / 100 / 1024).toFixed(1)} KiB per answer`,
  );
  console.log(
    `  PagerDuty requests during those 3,101 page views: ${
      sim.requestCount - requestsBefore
    }`,
  );
  await backend.close();
  await knex.destroy();
}

/**
 * The upstream-outage notifier on the same organisation, with 10 users per
 * team (each seen once by the API, so each reads what they may) and 1,000
 * subscriptions: its first run tells every outage, the next ones find
 * nothing new. Sends go to an in-memory notification service: the
 * notifications backend's own cost is outside this plugin.
 */
async function measureNotifications(options: {
  sim: PagerDutySimulator;
  entities: Entity[];
}) {
  const users: Entity[] = Array.from({ length: GROUPS * 10 }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: `user-${i}`, namespace: 'default' },
    spec: { memberOf: [`team-${i % GROUPS}`] },
    relations: [
      { type: 'memberOf', targetRef: `group:default/team-${i % GROUPS}` },
    ],
  }));
  const knex = memorySqlite();
  const stack = await createStatusStack({
    knex,
    pagerDutyUrl: options.sim.url,
    logger: silentLogger,
    entities: [...options.entities, ...users],
    config: { notifications: { enabled: true, minDurationSeconds: 0 } },
  });
  await stack.sync.syncOnce();
  const parts = await stack.makeParts();
  await parts.engine!.refreshCatalog();
  const everything = new Set([...parts.engine!.allEntities()].map(e => e.ref));
  for (const user of users)
    await parts.userViews.seen(
      `user:default/${user.metadata.name}`,
      everything,
    );
  for (let i = 0; i < 1000; i++)
    await stack.store.notifications.saveSubscription({
      userRef: `user:default/user-${i % users.length}`,
      targetRef: `component:default/svc-${pick(ENTITIES)}`,
      createdAt: new Date(),
    });
  let start = performance.now();
  const first = await parts.notifier!.run();
  const firstMs = performance.now() - start;
  const episodes = (await stack.store.notifications.listEpisodes()).length;
  const later: number[] = [];
  for (let i = 0; i < 10; i++) {
    start = performance.now();
    await parts.notifier!.run();
    later.push(performance.now() - start);
  }
  console.log(
    `  notifier (${
      users.length
    } users, 1000 subscriptions): first run ${firstMs.toFixed(
      0,
    )} ms for ${episodes} upstream outages, ${
      first.sent
    } user notifications in ${
      stack.sentNotifications.length
    } sends; a run with nothing new: ${stats(later)}`,
  );
  await knex.destroy();
}

async function main() {
  // the organisation: every component in a system, a fifth of them on PagerDuty
  const dependsOn: string[][] = Array.from({ length: ENTITIES }, () => []);
  for (let added = 0; added < EDGES; ) {
    const d = pick(ENTITIES);
    const u = random() < 0.33 ? pick(20) : pick(Math.max(d, 1));
    if (u === d || dependsOn[d].includes(`component:default/svc-${u}`))
      continue;
    dependsOn[d].push(`component:default/svc-${u}`);
    added++;
  }
  const entities: Entity[] = [];
  for (let g = 0; g < GROUPS; g++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${g}`, namespace: 'default' },
      spec: {
        type: 'team',
        children: [],
        profile: { email: `team-${g}@example.com` },
      },
    });
  }
  for (let i = 0; i < ENTITIES; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        // as the catalog's stitching sets it: a hash of the whole entity
        etag: `svc-${i}-0`,
        annotations:
          i < PAGERDUTY_SERVICES
            ? { 'pagerduty.com/service-id': serviceId(i) }
            : {},
      },
      spec: {
        type: 'service',
        owner: `team-${i % GROUPS}`,
        system: `system-${i % 200}`,
        lifecycle: 'production',
      },
      relations: dependsOn[i].map(targetRef => ({
        type: 'dependsOn',
        targetRef,
      })),
    });
  }

  const sim = await startSyntheticSimulator({
    services: PAGERDUTY_SERVICES,
    groups: GROUPS,
    seed: 1,
    historyDays: 7,
  });
  for (let i = 0; i < OPEN_INCIDENTS; i++) {
    const id = serviceId(random() < 0.1 ? pick(20) : pick(PAGERDUTY_SERVICES));
    sim.state.trigger({
      service: id,
      title: `Incident ${i}`,
      urgency: random() < 0.6 ? 'high' : 'low',
      silent: true,
    });
  }

  const postgres =
    DATABASE === 'postgres' ? await freshPostgres('engine') : undefined;
  if (DATABASE === 'postgres' && !postgres)
    throw new Error(
      '--database postgres needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  const knex = postgres?.knex ?? memorySqlite();
  const { store, sync, makeEngine, setCatalogEntities, catalog } =
    await createStatusStack({
      knex,
      pagerDutyUrl: sim.url,
      logger: silentLogger,
      entities,
    });
  const engine = await makeEngine();

  let start = performance.now();
  const before = sim.requestCount;
  const result = await sync.syncOnce();
  const syncMs = performance.now() - start;
  console.log(
    `Status engine on ${ENTITIES} components, ${EDGES} dependsOn edges, ${PAGERDUTY_SERVICES} PagerDuty services, ${
      result.openIncidents
    } open incidents; store on ${
      postgres ? 'PostgreSQL 15' : 'in-memory SQLite'
    }`,
  );
  console.log(
    `  full PagerDuty sync: ${
      sim.requestCount - before
    } requests, ${syncMs.toFixed(0)} ms`,
  );

  start = performance.now();
  await engine.refreshCatalog();
  console.log(
    `  catalog read + graph + full propagation + transitions: ${(
      performance.now() - start
    ).toFixed(0)} ms`,
  );
  // after the warm-up: a full propagation done, garbage collected (with --expose-gc)
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  console.log(
    `  memory after the catalog read and a full propagation (the simulator in the same process): RSS ${(
      memory.rss /
      2 ** 20
    ).toFixed(0)} MiB, JS heap used ${(memory.heapUsed / 2 ** 20).toFixed(
      0,
    )} MiB${
      (globalThis as { gc?: () => void }).gc
        ? ''
        : ' (run with --expose-gc for a settled figure)'
    }`,
  );

  // one incident changes: sync, then the engine's incremental refresh
  // a P1 on a shared platform service that had no open incident
  const busy = new Set(sim.state.openIncidents().map(x => x.serviceId));
  const quiet =
    Array.from({ length: 20 }, (_, k) => serviceId(k)).find(
      id => !busy.has(id),
    ) ?? serviceId(PAGERDUTY_SERVICES - 1);
  sim.state.trigger({
    service: quiet,
    title: 'One more',
    urgency: 'high',
    priority: 'P1',
    silent: true,
  });
  await sync.syncOnce();
  start = performance.now();
  const changes = await engine.refreshSignals();
  console.log(
    `  signal refresh after a sync that brought one new incident (store read + incremental propagation): ${(
      performance.now() - start
    ).toFixed(1)} ms, ${changes.length} entities changed`,
  );
  // what a webhook does: one incident written, triggered then resolved, on
  // services spread over the organisation
  const refreshTimes: number[] = [];
  let changed = 0;
  const [template] = await store.listOpenIncidents();
  for (let i = 0; i < 40; i++) {
    const at = new Date();
    await store.upsertIncidents([
      {
        ...template,
        id: `PBENCH${Math.floor(i / 2)}`,
        serviceId: serviceId((i * 37) % PAGERDUTY_SERVICES),
        status: i % 2 ? 'resolved' : 'triggered',
        resolvedAt: i % 2 ? at : undefined,
        changedAt: at,
        observedAt: at,
      },
    ]);
    start = performance.now();
    changed += (await engine.refreshSignals()).length;
    refreshTimes.push(performance.now() - start);
  }
  console.log(
    `  signal refresh after a webhook's incident (40 changes): ${stats(
      refreshTimes,
    )}, ${(changed / 40).toFixed(0)} entities changed on average`,
  );

  await measureCatalogChanges({
    engine,
    catalog,
    entities,
    setCatalogEntities,
    components: { from: GROUPS, count: ENTITIES },
    pick,
  });

  const refs = new Set([...engine.allEntities()].map(e => e.ref));
  // one readable set, named as the API's views are: summaries are shared per view
  const all = {
    has: (ref: string) => refs.has(ref),
    admin: false,
    key: 'everyone',
  };
  const entityTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const ref = `component:default/svc-${pick(ENTITIES)}`;
    start = performance.now();
    await describeEntityStatus({
      ref,
      engine,
      store,
      view: all,
      liveChannel: 'status:bench',
    });
    entityTimes.push(performance.now() - start);
  }
  console.log(
    `  entity status (in process, 1000 requests): ${stats(entityTimes)}`,
  );
  // the first summary builds the index and the view (once per process)
  start = performance.now();
  await summariseStatus(engine, store, all, {});
  const coldSummaryMs = performance.now() - start;
  // every tenth summary follows a change (a webhook's incident), as when a
  // live push makes open dashboards read again; the others find it unchanged
  const afterChange: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < 100; i++) {
    if (i % 10 === 0) {
      const at = new Date();
      await store.upsertIncidents([
        {
          ...template,
          id: `PSUMMARY${i}`,
          serviceId: serviceId((i * 53) % PAGERDUTY_SERVICES),
          changedAt: at,
          observedAt: at,
        },
      ]);
      await engine.refreshSignals();
    }
    start = performance.now();
    await summariseStatus(
      engine,
      store,
      all,
      i % 2 ? { owner: [`group:default/team-${i % GROUPS}`] } : {},
    );
    (i % 10 === 0 ? afterChange : unchanged).push(performance.now() - start);
  }
  console.log(
    `  summary over every entity (in process, 100 requests, every tenth after a change): first ${coldSummaryMs.toFixed(
      0,
    )} ms; after a change ${stats(afterChange)}; unchanged ${stats(unchanged)}`,
  );

  if (!ENGINE_ONLY) {
    await measureNotifications({ sim, entities });
    if (!NO_HTTP) await measureOverHttp({ sim, entities });
  }
  console.log(
    `  RSS of the benchmark process (simulator + two status stacks + test harness): ${(
      process.memoryUsage().rss /
      2 ** 20
    ).toFixed(0)} MiB`,
  );

  await sim.close();
  if (postgres) await postgres.drop();
  else await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
