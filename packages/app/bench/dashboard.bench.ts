/* eslint-disable no-console */
// The company status page at 10,000 entities (STATUS_BENCH_ENTITIES for
// another size, e.g. 100000) in Chromium: first render and a filter change.
// The portal is the real one; only the status API's answers are replaced by
// a generated organisation, filtered, grouped and paged as the backend does.
// Answers are kept per URL, as the backend keeps its summaries: a repeated
// request costs the browser, not this stand-in. Prints figures, asserts
// little.
import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from '../e2e-tests/signIn';
import {
  buildSummaryRows,
  countSummaryLevels,
  compareLevels,
  hasSummaryLevel,
  HealthLevel,
  matchesSummaryQuery,
  parsePageSearch,
  parseSummarySearch,
  StatusGrouping,
  StatusProblem,
  StatusSummary,
  StatusSummaryEntity,
  summaryFacets,
} from '@status-layer/plugin-status-common';

const ENTITIES = Number(process.env.STATUS_BENCH_ENTITIES ?? 10_000);
const GROUPS = 50;
const ROOT_CAUSES = 20;
const RUNS = 7;

const LEVELS = ['major_outage', 'partial_outage', 'degraded'] as const;

/** The whole generated organisation: every entity and every problem. */
function generatedOrganisation(): {
  entities: StatusSummaryEntity[];
  problems: StatusProblem[];
} {
  const entities = Array.from({ length: ENTITIES }, (_, i) => {
    const impacted = i >= ROOT_CAUSES && i % 7 === 0;
    const own: HealthLevel = i < ROOT_CAUSES ? LEVELS[i % 3] : 'operational';
    const effective: HealthLevel = impacted ? 'degraded' : own;
    const entity: StatusSummaryEntity = {
      entityRef: `component:default/svc-${i}`,
      kind: 'Component',
      name: `svc-${i}`,
      owner: `group:default/team-${i % GROUPS}`,
      system: `system:default/system-${i % 200}`,
      domain: `domain:default/domain-${i % 10}`,
      own,
      inherited: impacted ? 'degraded' : 'operational',
      effective,
      rootCause: impacted
        ? `component:default/svc-${i % ROOT_CAUSES}`
        : undefined,
    };
    return entity;
  });
  entities.sort(
    (a, b) =>
      compareLevels(b.effective, a.effective) ||
      a.entityRef.localeCompare(b.entityRef),
  );
  const problems = Array.from(
    { length: ROOT_CAUSES },
    (_, r): StatusProblem => {
      const impacted = entities
        .filter(e => e.rootCause === `component:default/svc-${r}`)
        .map(e => ({ entityRef: e.entityRef, level: e.effective }));
      return {
        entityRef: `component:default/svc-${r}`,
        level: LEVELS[r % 3],
        owner: { entityRef: `group:default/team-${r % GROUPS}` },
        incidents: [
          {
            id: `Q${r}`,
            number: r,
            title: `Incident ${r}`,
            status: 'triggered',
            urgency: 'high',
            priority: 'P1',
            createdAt: new Date(Date.now() - 600_000).toISOString(),
            acknowledgedAt: null,
            assignees: [],
            htmlUrl: null,
            conferenceUrl: null,
            conferenceNumber: null,
          },
        ],
        alerts: [],
        escalationPolicies: [],
        since: new Date(Date.now() - 600_000).toISOString(),
        impactedCount: impacted.length,
        impacted: impacted.slice(0, 10),
      };
    },
  );
  return { entities, problems };
}

/**
 * The backend's summary routes over the generated organisation, with the
 * filtering, grouping and paging of `-common` that the backend uses: the
 * browser gets the same answers, sizes and number of requests.
 */
function answer(
  organisation: ReturnType<typeof generatedOrganisation>,
  url: URL,
): unknown {
  const params = Object.fromEntries(url.searchParams);
  const query = parseSummarySearch(params);
  const selected = organisation.entities.filter(
    e => matchesSummaryQuery(e, query) && hasSummaryLevel(e, query.level),
  );
  if (url.pathname.endsWith('/summary/rows')) {
    const { offset, limit } = parsePageSearch(params, {
      defaultLimit: 200,
      maxLimit: 1000,
    });
    const rows = buildSummaryRows(
      selected,
      (params.group as StatusGrouping) ?? 'domain',
      new Set((params.collapsed ?? '').split(',').filter(Boolean)),
    );
    return {
      rows: rows.slice(offset, offset + limit),
      total: rows.length,
      entities: selected.length,
      offset,
      limit,
    };
  }
  const { offset, limit } = parsePageSearch(params, {
    defaultLimit: 50,
    maxLimit: 5000,
  });
  const summary: StatusSummary = {
    counts: countSummaryLevels(selected),
    total: selected.length,
    impacted: selected.filter(e => e.inherited !== 'operational').length,
    entities: selected.slice(offset, offset + limit),
    offset,
    limit,
    facets: summaryFacets(organisation.entities),
    problems: organisation.problems.slice(0, 20),
    problemsTotal: organisation.problems.length,
    freshness: {
      stale: false,
      lastSuccessAt: new Date().toISOString(),
      accounts: [],
    },
  };
  return summary;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const figures = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(
    0,
  )} ms over ${values.length} runs`;

/** Where the time of one filter change goes, in ms from the input event. */
type FilterTiming = {
  /** The list has painted the new rows. */
  total: number;
  /** The rows request left (resource timing's start). */
  requested: number;
  /** Its answer arrived. */
  answered: number;
  /** React committed the new rows to the DOM. */
  committed: number;
};

/** Types into the search box and waits, in the page, until the list shows the new count and has painted. */
async function timeSearch(page: Page, text: string): Promise<FilterTiming> {
  return page.evaluate(async value => {
    const input = document.querySelector<HTMLInputElement>('#status-search')!;
    const list = document.querySelector('[data-testid="everything-list"]')!;
    const before = list.getAttribute('data-rows');
    const setValue = Object.getOwnPropertyDescriptor(
      HTMLInputElement.prototype,
      'value',
    )!.set!;
    performance.clearResourceTimings();
    const start = performance.now();
    let committed = 0;
    await new Promise<void>(resolve => {
      const observer = new MutationObserver(() => {
        if (list.getAttribute('data-rows') !== before) {
          committed = performance.now() - start;
          observer.disconnect();
          // the next frame is the one that shows it
          requestAnimationFrame(() => setTimeout(resolve, 0));
        }
      });
      observer.observe(list, { attributes: true });
      setValue.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const total = performance.now() - start;
    const rows = (
      performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    ).find(e => e.name.includes('/summary/rows'));
    return {
      total,
      requested: rows ? rows.startTime - start : NaN,
      answered: rows ? rows.responseEnd - start : NaN,
      committed,
    };
  }, text);
}

test('the status page at its size in entities', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  const organisation = generatedOrganisation();
  const answers = new Map<string, string>();
  // what the browser receives, and its size
  const received = { requests: 0, bytes: 0, firstSummaryBytes: 0 };
  await page.route('**/api/status/summary**', route => {
    const url = route.request().url();
    const body =
      answers.get(url) ?? JSON.stringify(answer(organisation, new URL(url)));
    answers.set(url, body);
    received.requests += 1;
    received.bytes += body.length;
    if (!received.firstSummaryBytes) received.firstSummaryBytes = body.length;
    return route.fulfill({ contentType: 'application/json', body });
  });
  await page.route('**/api/status/incidents', route =>
    route.fulfill({ json: { incidents: [] } }),
  );
  await signInAsGuest(page);

  const firstRender: number[] = [];
  const everything: number[] = [];
  const filter: FilterTiming[] = [];
  const clear: FilterTiming[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('/catalog');
    await expect(
      page.getByRole('link', { name: 'Status', exact: true }).first(),
    ).toBeVisible();
    // from the click in the sidebar to the summary and problems on screen
    let start = Date.now();
    await page
      .getByRole('link', { name: 'Status', exact: true })
      .first()
      .click();
    await expect(
      page.getByTestId(`problem-component:default/svc-0`),
    ).toBeVisible();
    firstRender.push(Date.now() - start);

    start = Date.now();
    await page.getByRole('tab', { name: 'Everything' }).click();
    await expect(page.getByTestId('everything-list')).toHaveAttribute(
      'data-rows',
      /\d{4,}/,
    );
    everything.push(Date.now() - start);

    filter.push(await timeSearch(page, `svc-${run}1`));
    clear.push(await timeSearch(page, ''));
  }
  console.log(
    `Status page in Chromium on ${ENTITIES} entities (first summary answer ${(
      received.firstSummaryBytes / 1024
    ).toFixed(1)} KiB; ${received.requests} summary requests of ${(
      received.bytes /
      received.requests /
      1024
    ).toFixed(1)} KiB on average over the ${RUNS} runs)`,
  );
  console.log(
    `  first render (sidebar click → problems shown): ${figures(firstRender)}`,
  );
  console.log(
    `  "Everything" tab, grouped by Domain → System: ${figures(everything)}`,
  );
  const steps = (timings: FilterTiming[]) =>
    `${figures(timings.map(t => t.total))}; medians: request sent ${median(
      timings.map(t => t.requested),
    ).toFixed(0)} ms, answered ${median(timings.map(t => t.answered)).toFixed(
      0,
    )} ms, rows committed ${median(timings.map(t => t.committed)).toFixed(
      0,
    )} ms after the input`;
  console.log(
    `  filter change (search typed → list repainted): ${steps(filter)}`,
  );
  console.log(
    `  filter cleared (back to ${ENTITIES} → repainted): ${steps(clear)}`,
  );
});
