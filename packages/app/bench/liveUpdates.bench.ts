/* eslint-disable no-console */
// PagerDuty knows → browser shows it: an incident triggered (then resolved)
// in the demo's PagerDuty simulator, delivered as a webhook, processed,
// pushed through signals, and the open Status tab's DOM updated, 100 times.
// The clock starts when the simulator accepts the change, a little before
// its webhook reaches the backend. Prints figures, asserts little.
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

test('webhook to DOM, 100 incidents', async ({ page, request }) => {
  test.setTimeout(15 * 60_000);
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
  let missed = 0;
  const record = (at: number, from: number) => {
    if (at < 0) missed++;
    else delays.push(at - from);
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
    record(await shown, started);

    const cleared = watch('operational');
    const resolvedAt = Date.now();
    await request.post(`${SIMULATOR}/_control/incidents/${id}/resolve`);
    record(await cleared, resolvedAt);
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
});
