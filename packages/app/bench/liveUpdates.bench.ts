/* eslint-disable no-console */
// PagerDuty knows → browser shows it: an incident triggered (then resolved)
// in the demo's PagerDuty simulator, delivered as a webhook, processed,
// pushed through signals, and the open Status tab's DOM updated, 100 times.
// The clock starts when the simulator accepts the change, a little before
// its webhook reaches the backend. Each change's time is split where it can
// be seen from outside: the webhook's delivery (acknowledged once stored),
// the backend's processing until the browser hears of it through signals,
// the page's re-reads of the status API, and rendering. Prints figures,
// asserts little.
import { expect, test } from '@playwright/test';
import {
  signInAsGuest,
  statusHeaderLevel,
  waitForRootCause,
} from '../e2e-tests/signIn';

const SIMULATOR = 'http://127.0.0.1:7008';
const INCIDENTS = Number(process.env.STATUS_BENCH_INCIDENTS ?? 100);

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor(q * values.length))
  ];

/** What the page heard and asked, with the times on its clock (shared with this process's). */
type PageLog = {
  signals: { at: number; data: string }[];
  reads: { url: string; start: number; end: number }[];
};

declare global {
  interface Window {
    benchLog: PageLog;
  }
}

/** Times every signal message and every status API read the page makes. */
function recordPageTraffic() {
  const log: PageLog = { signals: [], reads: [] };
  window.benchLog = log;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', event =>
        log.signals.push({ at: Date.now(), data: String(event.data) }),
      );
    }
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const start = Date.now();
    const response = await nativeFetch(input, init);
    // the backend answers each read whole: its headers end it
    if (url.includes('/api/status/'))
      log.reads.push({ url, start, end: Date.now() });
    return response;
  };
}

/** One change's time, split at what can be seen from outside the backend. */
type Stages = {
  delivery: number;
  processing: number;
  reaction: number;
  reading: number;
  rendering: number;
  reads: number;
};

test('webhook to DOM, 100 incidents', async ({ page, request }) => {
  test.setTimeout(15 * 60_000);
  await page.addInitScript(recordPageTraffic);
  await waitForRootCause(
    request,
    'component/default/shop-web',
    'component:default/auth-service',
  );
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/search-service/status');
  const level = statusHeaderLevel(page);
  await expect(level).toHaveAttribute('data-level', 'operational');

  /**
   * Resolves, in the page, with Date.now() when the header shows `wanted`
   * (or -1 after 15 s).
   */
  const watch = (wanted: string) =>
    page.evaluate(
      target =>
        new Promise<number>(resolve => {
          const shown = () =>
            document
              .querySelector('[role="heading"][aria-level="2"] [data-level]')
              ?.getAttribute('data-level');
          let timer: ReturnType<typeof setTimeout> | undefined = undefined;
          const observer = new MutationObserver(() => {
            if (shown() === target) {
              clearTimeout(timer);
              observer.disconnect();
              resolve(Date.now());
            }
          });
          timer = setTimeout(() => {
            observer.disconnect();
            resolve(-1);
          }, 15_000);
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
          });
        }),
      wanted,
    );

  const delays: number[] = [];
  const stages: Stages[] = [];
  let missed = 0;
  const deliveredAt = async (from: number) => {
    const deliveries: { at: string; outcome: string }[] = await (
      await request.get(`${SIMULATOR}/_control/deliveries`)
    ).json();
    const times = deliveries
      .filter(d => d.outcome === 'delivered')
      .map(d => Date.parse(d.at))
      .filter(t => t >= from);
    return times.length ? Math.min(...times) : undefined;
  };
  const record = async (at: number, from: number) => {
    if (at < 0) {
      missed++;
      return;
    }
    delays.push(at - from);
    const delivered = await deliveredAt(from);
    const log = await page.evaluate(() => {
      // emptied in place: the recorders hold these arrays
      const { signals, reads } = window.benchLog;
      return { signals: signals.splice(0), reads: reads.splice(0) };
    });
    const heard = log.signals.find(
      s => s.at >= from && s.data.includes('status-changed'),
    )?.at;
    const reads = log.reads.filter(
      r => heard && r.start >= heard && r.end <= at,
    );
    const firstRead = reads.length
      ? Math.min(...reads.map(r => r.start))
      : undefined;
    const lastRead = reads.length
      ? Math.max(...reads.map(r => r.end))
      : undefined;
    if (process.env.STATUS_BENCH_DEBUG)
      console.log(JSON.stringify({ from, at, delivered, log }));
    if (
      delivered === undefined ||
      heard === undefined ||
      !firstRead ||
      !lastRead
    )
      return;
    stages.push({
      delivery: delivered - from,
      processing: heard - delivered,
      reaction: firstRead - heard,
      reading: lastRead - firstRead,
      rendering: at - lastRead,
      reads: reads.length,
    });
  };
  for (let i = 0; i < INCIDENTS; i++) {
    const shown = watch('major_outage');
    const started = Date.now();
    const triggered = await request.post(`${SIMULATOR}/_control/incidents`, {
      data: {
        service: 'search-service',
        urgency: 'high',
        priority: 'P1',
        title: `bench ${i}`,
      },
    });
    const { id } = await triggered.json();
    await record(await shown, started);

    const cleared = watch('operational');
    const resolvedAt = Date.now();
    await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
    await record(await cleared, resolvedAt);
  }
  console.log(
    `Live updates: PagerDuty change → webhook → signals → Status tab DOM, ${delays.length} changes (${INCIDENTS} incidents triggered and resolved)`,
  );
  console.log(
    `  p50 ${quantile(delays, 0.5)} ms, p95 ${quantile(
      delays,
      0.95,
    )} ms, max ${Math.max(...delays)} ms; ${missed} not shown within 15 s`,
  );
  const stageNames: (keyof Stages)[] = [
    'delivery',
    'processing',
    'reaction',
    'reading',
    'rendering',
  ];
  console.log(
    `  where the time goes (${stages.length} changes seen whole), p50 / p95 ms:`,
  );
  for (const name of stageNames) {
    const values = stages.map(s => s[name]);
    console.log(
      `    ${name.padEnd(10)} ${quantile(values, 0.5)} / ${quantile(
        values,
        0.95,
      )}`,
    );
  }
  const reads = stages.map(s => s.reads);
  console.log(
    `  status API reads per change: p50 ${quantile(reads, 0.5)}, max ${Math.max(
      ...reads,
    )}`,
  );
  expect(missed).toBe(0);
});
