/* eslint-disable no-console */
// PagerDuty webhook deliveries at 50/s for 30 s against the status backend
// over HTTP (SQLite, and PostgreSQL when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set): how fast the
// receiver answers, and how long until the events are processed. Run with
// `yarn bench:webhooks`; STATUS_BENCH_WEBHOOK_SECONDS shortens it.
import { Knex } from 'knex';
import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { onEachDatabase, quantile, startStatusBackend } from './benchSupport';

const RATE = 50;
const SECONDS = Number(process.env.STATUS_BENCH_WEBHOOK_SECONDS ?? 30);
const SECRET = 'bench-webhook-secret';
const STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;

function delivery(i: number) {
  const status = STATUSES[i % 3];
  const incident = `PINC${String(Math.floor(i / 3)).padStart(4, '0')}`;
  return JSON.stringify({
    event: {
      id: randomUUID(),
      event_type: `incident.${status}`,
      resource_type: 'incident',
      occurred_at: new Date().toISOString(),
      data: {
        id: incident,
        type: 'incident',
        number: i,
        status,
        title: `Incident ${incident}`,
        created_at: new Date().toISOString(),
        urgency: 'high',
        priority: { summary: 'P1' },
        service: { id: `PSVC${i % 100}` },
        assignees: [{ id: 'PUSER1', summary: 'On-call' }],
        html_url: `https://example.pagerduty.com/incidents/${incident}`,
      },
    },
  });
}

async function run(label: string, knex: Knex) {
  const backend = await startStatusBackend({
    knex,
    entities: [],
    config: {
      status: {
        pagerDuty: {
          apiToken: 'unused',
          apiBaseUrl: 'http://127.0.0.1:9',
          webhookSecrets: [SECRET],
        },
      },
    },
  });
  const url = `${backend.baseUrl}/webhooks/pagerduty`;
  const latencies: number[] = [];
  const counts = { errors: 0 };
  const inFlight = new Set<Promise<void>>();
  const post = (i: number) => {
    const body = delivery(i);
    const signature = `v1=${createHmac('sha256', SECRET)
      .update(body)
      .digest('hex')}`;
    const t0 = performance.now();
    const request: Promise<void> = fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-PagerDuty-Signature': signature,
        'X-Webhook-Id': randomUUID(),
      },
      body,
    })
      .then(async response => {
        await response.text();
        latencies.push(performance.now() - t0);
        if (response.status !== 202) counts.errors++;
      })
      .catch(() => {
        counts.errors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const started = performance.now();
  const total = RATE * SECONDS;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    await new Promise(resolve =>
      setTimeout(resolve, Math.max(0, due - performance.now())),
    );
    post(i);
  }
  await Promise.all(inFlight);
  const sentAt = performance.now();
  // every event processed: none left pending
  for (;;) {
    const [{ n }] = await knex('status_pd_webhook_events')
      .whereNull('processed_at')
      .count({ n: '*' });
    if (Number(n) === 0) break;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  const drained = performance.now() - sentAt;
  console.log(
    `  ${label}: ${total} deliveries at ${RATE}/s, ${
      counts.errors
    } errors; response p50 ${quantile(latencies, 0.5).toFixed(
      1,
    )} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, p99 ${quantile(
      latencies,
      0.99,
    ).toFixed(1)} ms; all processed ${drained.toFixed(
      0,
    )} ms after the last answer`,
  );
  await backend.close();
}

async function main() {
  console.log(`PagerDuty webhooks: ${RATE}/s for ${SECONDS} s, over HTTP`);
  await onEachDatabase('webhooks', run);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
