/* eslint-disable no-console */
// Sustained alert ingest: 200 alerts/s of mixed sources for 60 s against the
// status backend over HTTP, with 50,000 firing alerts already stored, on
// SQLite and on PostgreSQL (when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set). Prints the
// webhooks' latency, the errors, how long until an entity's level shows a
// new alert, and the process's memory before and after. Run with
// `yarn bench:ingest`; STATUS_BENCH_INGEST_SECONDS shortens it,
// STATUS_BENCH_STORED_ALERTS changes what is stored first.
import { Entity } from '@backstage/catalog-model';
import {
  SAMPLE_ALERT_SOURCES,
  sendSampleAlert,
} from '@internal/pagerduty-simulator';
import { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseStatusStore } from '../src/database';
import {
  onEachDatabase,
  quantile,
  startStatusBackend,
  userHeaders,
} from './benchSupport';

const RATE = 200;
const SECONDS = Number(process.env.STATUS_BENCH_INGEST_SECONDS ?? 60);
const SERVICES = 1000;
const PROBES = 60;
const SECRET = 'bench-secret';
const STORED = Number(process.env.STATUS_BENCH_STORED_ALERTS ?? 50_000);

/** Firing alerts already stored, spread over the sources and entities. */
async function storeFiringAlerts(knex: Knex) {
  const store = await DatabaseStatusStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const receivedAt = new Date();
  for (let i = 0; i < STORED; i += 1000) {
    await store.alerts.upsertAlerts(
      Array.from({ length: Math.min(1000, STORED - i) }, (_, k) => ({
        source: SAMPLE_ALERT_SOURCES[(i + k) % SAMPLE_ALERT_SOURCES.length],
        fingerprint: `stored-${i + k}`,
        state: 'firing' as const,
        severity: 'warning' as const,
        title: `Stored alert ${i + k}`,
        startedAt: receivedAt.toISOString(),
        labels: { service: `svc-${(i + k) % SERVICES}` },
      })),
      receivedAt,
    );
  }
}

const rss = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

async function run(label: string, knex: Knex) {
  const entities = [
    ...Array.from({ length: SERVICES }, (_, i) => component(`svc-${i}`)),
    ...Array.from({ length: PROBES }, (_, i) => component(`probe-${i}`)),
  ];
  const seeding = performance.now();
  await storeFiringAlerts(knex);
  const seededMs = performance.now() - seeding;
  const backend = await startStatusBackend({
    knex,
    entities,
    config: {
      status: {
        alerts: {
          // the stored alerts are not what is measured: no source is at its cap
          maxFiringPerSource: STORED + RATE * SECONDS,
          // nor is the per-source request budget
          maxRequestsPerMinute: RATE * 60 * 2,
          sources: Object.fromEntries(
            SAMPLE_ALERT_SOURCES.map(s => [s, { secret: SECRET }]),
          ),
        },
      },
    },
    runStartupTasks: true,
  });
  const backendUrl = backend.baseUrl.replace(/\/api\/status$/, '');
  const levelOf = async (name: string) => {
    const response = await fetch(
      `${backend.baseUrl}/entities/component/default/${name}`,
      { headers: userHeaders },
    );
    return response.ok ? (await response.json()).levels.own : undefined;
  };

  const rssBefore = rss();
  // the steady stream: one alert every 5 ms, never waiting for the last
  const latencies: number[] = [];
  const counts = { sent: 0, errors: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = RATE * SECONDS;
  const sendOne = (i: number) => {
    const source = SAMPLE_ALERT_SOURCES[i % SAMPLE_ALERT_SOURCES.length];
    const service = `svc-${Math.floor(Math.random() * SERVICES)}`;
    const t0 = performance.now();
    counts.sent++;
    const request: Promise<void> = sendSampleAlert({
      backendUrl,
      source,
      secret: SECRET,
      service,
      resolve: Math.random() < 0.3,
      id: `${service}-${i % 3}`,
    })
      .then(result => {
        latencies.push(performance.now() - t0);
        if (result.status !== 202) counts.errors++;
      })
      .catch(() => {
        counts.errors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const sleepUntil = (due: number) =>
    new Promise(resolve =>
      setTimeout(resolve, Math.max(0, due - performance.now())),
    );
  const sender = (async () => {
    for (let i = 0; i < total; i++) {
      await sleepUntil(started + (i * 1000) / RATE);
      sendOne(i);
    }
  })();

  // meanwhile, how long until a new alert shows in an entity's level
  const delays: number[] = [];
  const prober = (async () => {
    for (let p = 0; p < PROBES; p++) {
      const target = started + ((p + 0.5) * SECONDS * 1000) / PROBES;
      const wait = target - performance.now();
      if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
      if (performance.now() - started > SECONDS * 1000) break;
      const name = `probe-${p}`;
      const t0 = performance.now();
      await sendSampleAlert({
        backendUrl,
        source: 'alertmanager',
        secret: SECRET,
        service: name,
        id: name,
      });
      while ((await levelOf(name)) !== 'major_outage') {
        if (performance.now() - t0 > 30_000) break;
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      delays.push(performance.now() - t0);
    }
  })();

  await Promise.all([sender, prober]);
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const [{ n: stored }] = await knex('status_alerts').count({ n: '*' });
  const { sent, errors } = counts;
  console.log(
    `  ${label}: ${STORED} firing alerts stored first (${(
      seededMs / 1000
    ).toFixed(
      1,
    )} s); process RSS ${rssBefore} before the stream, ${rss()} after`,
  );
  console.log(
    `    ${sent} webhooks in ${elapsed.toFixed(1)} s (${(
      sent / elapsed
    ).toFixed(0)}/s), ${errors} errors; latency p50 ${quantile(
      latencies,
      0.5,
    ).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(
      1,
    )} ms, p99 ${quantile(latencies, 0.99).toFixed(
      1,
    )} ms; ${stored} alert rows`,
  );
  console.log(
    `    alert → entity level: p50 ${quantile(delays, 0.5).toFixed(
      0,
    )} ms, p95 ${quantile(delays, 0.95).toFixed(0)} ms, max ${Math.max(
      ...delays,
    ).toFixed(0)} ms over ${delays.length} probes`,
  );
  await backend.close();
}

async function main() {
  console.log(
    `Alert ingest: ${RATE} alerts/s of ${SAMPLE_ALERT_SOURCES.length} mixed sources for ${SECONDS} s, ${SERVICES} entities, over HTTP`,
  );
  await onEachDatabase('ingest', run);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
