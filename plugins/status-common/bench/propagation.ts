/* eslint-disable no-console */
// Benchmark of the health model: full and incremental propagation on a
// generated organisation. Run with `yarn bench`; prints figures, asserts nothing.
import { performance } from 'node:perf_hooks';
import {
  DependencyEdge,
  HealthGraph,
  OwnHealth,
  ownHealth,
  Signal,
} from '../src';

const ENTITIES = 10_000;
const EDGES = 30_000;
const INCIDENTS = 500;
const SHARED_PLATFORM = 20; // auth, membership, payments... that many services call

// A deterministic generator (mulberry32), so runs compare.
let seed = 20261121;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (n: number) => Math.floor(random() * n);

const refs = Array.from(
  { length: ENTITIES },
  (_, i) => `component:default/svc-${i}`,
);
const edges: DependencyEdge[] = [];
const seen = new Set<string>();
while (edges.length < EDGES) {
  const dependent = pick(ENTITIES);
  // a third of the edges go to the shared platform, the rest mostly to
  // lower-numbered services (layers), some upwards (cycles)
  const roll = random();
  let upstream: number;
  if (roll < 0.33) upstream = pick(SHARED_PLATFORM);
  else if (roll < 0.97) upstream = pick(Math.max(dependent, 1));
  else upstream = pick(ENTITIES);
  const key = `${dependent}>${upstream}`;
  if (upstream === dependent || seen.has(key)) continue;
  seen.add(key);
  edges.push({
    dependent: refs[dependent],
    upstream: refs[upstream],
    critical: random() < 0.15,
  });
}

const incidentOn = new Map<string, Signal[]>();
for (let i = 0; i < INCIDENTS; i++) {
  const ref = refs[random() < 0.1 ? pick(SHARED_PLATFORM) : pick(ENTITIES)];
  const urgency = random() < 0.6 ? 'high' : 'low';
  const priority = urgency === 'high' && random() < 0.2 ? 'P1' : undefined;
  const list = incidentOn.get(ref) ?? [];
  list.push({ kind: 'incident', id: `I${i}`, title: 'x', urgency, priority });
  incidentOn.set(ref, list);
}
const ownOf = (ref: string): OwnHealth =>
  ownHealth({
    monitored: true,
    signals: incidentOn.get(ref) ?? [],
    underMaintenance: false,
    stale: false,
  });

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(
    2,
  )} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
};

const graph = new HealthGraph();
const buildRuns: number[] = [];
const fullRuns: number[] = [];
const owns: [string, OwnHealth][] = refs.map(ref => [ref, ownOf(ref)]);
for (let run = 0; run < 5; run++) {
  let start = performance.now();
  graph.setDependencies(edges);
  buildRuns.push(performance.now() - start);
  start = performance.now();
  graph.setAllOwn(owns);
  fullRuns.push(performance.now() - start);
}

let impacted = 0;
let worstBlast = 0;
for (const [ref, levels] of graph.entries()) {
  if (levels.inherited !== 'operational') impacted++;
  if (levels.own && levels.own !== 'operational')
    worstBlast = Math.max(worstBlast, graph.impacted(ref).length);
}

// incremental: one incident appears on / disappears from a random entity
const INCREMENTAL_RUNS = 3000;
const incremental: number[] = [];
// split by how many entities changed level: the work is proportional to them
const smallChange: number[] = [];
const largeChange: number[] = [];
let largestChange = 0;
for (let i = 0; i < INCREMENTAL_RUNS; i++) {
  const ref = refs[i % 2 === 0 ? pick(SHARED_PLATFORM) : pick(ENTITIES)];
  const signals: Signal[] = [
    {
      kind: 'incident',
      id: `N${i}`,
      title: 'x',
      urgency: 'high',
      priority: 'P1',
    },
  ];
  const start = performance.now();
  const changed = graph.setOwn(
    ref,
    ownHealth({
      monitored: true,
      signals,
      underMaintenance: false,
      stale: false,
    }),
  ).length;
  const took = performance.now() - start;
  incremental.push(took);
  (changed <= 100 ? smallChange : largeChange).push(took);
  largestChange = Math.max(largestChange, changed);
  graph.setOwn(ref, ownOf(ref));
}

const rootCauseTimes: number[] = [];
for (let i = 0; i < 1000; i++) {
  const ref = refs[pick(ENTITIES)];
  const start = performance.now();
  graph.rootCauses(ref);
  graph.impacted(ref);
  rootCauseTimes.push(performance.now() - start);
}

console.log(
  `Health model on ${ENTITIES} entities, ${EDGES} dependsOn edges, ${INCIDENTS} open incidents`,
);
console.log(
  `  entities impacted by an upstream: ${impacted}; largest blast radius: ${worstBlast}`,
);
console.log(`  graph build from the edges, 5 runs: ${stats(buildRuns)}`);
console.log(
  `  full propagation of every entity's level, 5 runs: ${stats(fullRuns)}`,
);
console.log(
  `  incremental update after one incident change, ${INCREMENTAL_RUNS} runs: ${stats(
    incremental,
  )}`,
);
console.log(
  `    of which ${smallChange.length} changed ≤ 100 entities: ${stats(
    smallChange,
  )}; ${largeChange.length} changed more (up to ${largestChange}): ${
    largeChange.length ? stats(largeChange) : 'none'
  }`,
);
console.log(
  `  root causes + blast radius of one entity, 1000 runs: ${stats(
    rootCauseTimes,
  )}`,
);
console.log(
  `  heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
