/* eslint-disable no-console */
// Benchmark of the history API on 10,000 entities with 90 days of recorded
// transitions, over HTTP on an SQLite file and on PostgreSQL: one entity's
// 90 days, and the roll-ups of a System (50 parts) and a Group (200 services);
// and of objectives (a default of 99.9 % over 30 days for every production
// component): one entity's, and its System's and Group's members at a glance;
// and the error budgets kept per entity, read with a page of the catalog's
// column or of the dashboard's list.
// Run with `yarn bench:history`; prints figures, asserts nothing.
import { Entity } from '@backstage/catalog-model';
import { DAY_MS } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import {
  onEachDatabase,
  quantile,
  seededRandom,
  startStatusBackend,
  startSyntheticSimulator,
  syntheticServiceId,
  userHeaders,
} from './benchSupport';

const ENTITIES = 10_000;
const SYSTEMS = 200;
const GROUPS = 50;
const DAYS = 90;

const random = seededRandom(20261203);

function organisation(): Entity[] {
  const entity = (kind: string, name: string, spec: object): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
  });
  return [
    ...Array.from({ length: GROUPS }, (_, g) =>
      entity('Group', `team-${g}`, { type: 'team', children: [] }),
    ),
    ...Array.from({ length: SYSTEMS }, (_, s) =>
      entity('System', `system-${s}`, { owner: `team-${s % GROUPS}` }),
    ),
    ...Array.from(
      { length: ENTITIES },
      (_, i): Entity => ({
        ...entity('Component', `svc-${i}`, {
          type: 'service',
          owner: `team-${i % GROUPS}`,
          system: `system-${i % SYSTEMS}`,
          lifecycle: 'production',
        }),
        metadata: {
          name: `svc-${i}`,
          namespace: 'default',
          annotations: (i < 100
            ? { 'pagerduty.com/service-id': syntheticServiceId(i) }
            : {}) as Record<string, string>,
        },
      }),
    ),
  ];
}

/**
 * 90 days of transitions: every entity has a few outages (own or caused by
 * svc-0..19, the shared platform), one in a hundred flaps a dozen times a day.
 */
async function seedTransitions(knex: Knex): Promise<number> {
  const now = Date.now();
  const rows: object[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const ref = `component:default/svc-${i}`;
    const outages = i % 100 === 0 ? DAYS * 12 : Math.floor(random() * 12);
    for (let k = 0; k < outages; k++) {
      const start = now - random() * DAYS * DAY_MS;
      const own = random() < 0.5;
      const level = random() < 0.3 ? 'major_outage' : 'partial_outage';
      const root = `component:default/svc-${Math.floor(random() * 20)}`;
      rows.push({
        entity_ref: ref,
        own_from: 'operational',
        own_to: own ? level : 'operational',
        effective_from: 'operational',
        effective_to: level,
        at: new Date(start),
        reason: JSON.stringify(
          own
            ? { signals: [{ id: `I${k}`, title: 'Errors', level }] }
            : { rootCauses: [{ root, level, path: [ref, root] }] },
        ),
      });
      rows.push({
        entity_ref: ref,
        own_from: own ? level : 'operational',
        own_to: 'operational',
        effective_from: level,
        effective_to: 'operational',
        at: new Date(Math.min(now, start + random() * 4 * 3_600_000)),
        reason: JSON.stringify({}),
      });
    }
  }
  for (let start = 0; start < rows.length; start += 500)
    await knex('status_transitions').insert(rows.slice(start, start + 500));
  return rows.length;
}

const stats = (samples: number[]) =>
  `p50 ${quantile(samples, 0.5).toFixed(1)} ms, p95 ${quantile(
    samples,
    0.95,
  ).toFixed(1)} ms`;

/** A kept budget for every entity, as the refresher writes them. */
async function keepBudgets(knex: Knex) {
  const now = new Date();
  const rows = Array.from({ length: ENTITIES }, (_, i) => ({
    entity_ref: `component:default/svc-${i}`,
    summary: JSON.stringify({
      target: 0.999,
      windowDays: 30,
      budgetLeft: 1 - random(),
      ownUsed: random() / 2,
      inheritedUsed: random() / 2,
      topUpstream: {
        ref: `component:default/svc-${Math.floor(random() * ENTITIES)}`,
        used: random() / 2,
      },
      computedAt: now.toISOString(),
    }),
    burning: null,
    computed_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await knex('status_objective_budgets')
      .insert(rows.slice(i, i + 200))
      .onConflict('entity_ref')
      .merge();
}

async function main() {
  const entities = organisation();
  const sim = await startSyntheticSimulator({
    services: 100,
    groups: GROUPS,
    seed: 3,
    historyDays: 0,
  });
  console.log(
    `History on ${ENTITIES} entities with ${DAYS} days of transitions (${SYSTEMS} systems of 50, ${GROUPS} groups of 200)`,
  );
  try {
    await onEachDatabase('history', async (label, knex) => {
      const backend = await startStatusBackend({
        knex,
        entities,
        config: {
          status: {
            pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
            objectives: {
              defaults: [{ lifecycle: 'production', target: 99.9 }],
            },
          },
        },
        runStartupTasks: true,
      });
      try {
        const transitions = await seedTransitions(knex);
        const time = async (paths: () => string, runs: number) => {
          const times: number[] = [];
          let bytes = 0;
          for (let i = 0; i < runs; i++) {
            const start = performance.now();
            const response = await fetch(`${backend.baseUrl}${paths()}`, {
              headers: userHeaders,
            });
            const body = await response.text();
            if (!response.ok) throw new Error(`${response.status} ${body}`);
            times.push(performance.now() - start);
            bytes += body.length;
          }
          return `${stats(times)}, ${(bytes / runs / 1024).toFixed(
            1,
          )} KiB per answer`;
        };
        const pick = (n: number) => Math.floor(random() * n);
        console.log(`  ${label}, ${transitions} transitions:`);
        console.log(
          `    one entity's 90 days (500 requests): ${await time(
            () => `/entities/component/default/svc-${pick(ENTITIES)}/history`,
            500,
          )}`,
        );
        console.log(
          `    a flapping entity's 90 days (~2,200 transitions; 50 requests): ${await time(
            () =>
              `/entities/component/default/svc-${
                pick(ENTITIES / 100) * 100
              }/history`,
            50,
          )}`,
        );
        console.log(
          `    a System's roll-up, 50 parts (100 requests): ${await time(
            () => `/rollups/system/default/system-${pick(SYSTEMS)}/history`,
            100,
          )}`,
        );
        console.log(
          `    a Group's roll-up, 200 services (50 requests): ${await time(
            () => `/rollups/group/default/team-${pick(GROUPS)}/history`,
            50,
          )}`,
        );
        console.log(
          `    one entity's objective, 30 days and burn rates (500 requests): ${await time(
            () => `/entities/component/default/svc-${pick(ENTITIES)}/objective`,
            500,
          )}`,
        );
        console.log(
          `    a System's members' objectives, 50 parts (50 requests): ${await time(
            () => `/rollups/system/default/system-${pick(SYSTEMS)}/objectives`,
            50,
          )}`,
        );
        console.log(
          `    a Group's members' objectives, the first 50 of 200 (20 requests): ${await time(
            () => `/rollups/group/default/team-${pick(GROUPS)}/objectives`,
            20,
          )}`,
        );
        // the budgets the status-budgets task keeps, one per entity: what a
        // page of the catalog's column or of the dashboard's list adds
        const page = () =>
          Array.from(
            { length: 200 },
            () => `entityRef=component:default/svc-${pick(ENTITIES)}`,
          ).join('&');
        console.log(
          `    the catalog column's levels before any budget is kept, 200 entities (100 requests): ${await time(
            () => `/levels?${page()}`,
            100,
          )}`,
        );
        await keepBudgets(knex);
        console.log(
          `    the catalog column's levels with budgets, 200 entities (100 requests): ${await time(
            () => `/levels?${page()}`,
            100,
          )}`,
        );
        console.log(
          `    the dashboard's list with budgets, 200 rows (50 requests): ${await time(
            () => `/summary/rows?group=flat&limit=200&offset=${pick(9_000)}`,
            50,
          )}`,
        );
      } finally {
        await backend.close();
      }
    });
  } finally {
    await sim.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
