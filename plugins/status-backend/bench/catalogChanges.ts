/* eslint-disable no-console */
// Part of the engine benchmark (engine.ts): catalog reads applied by difference.
import { Entity } from '@backstage/catalog-model';
import { performance } from 'node:perf_hooks';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { listCatalog, readCatalog } from '../src/catalog/catalogSnapshot';
import { StatusEngine } from '../src/engine/StatusEngine';
import { latencyStats } from './benchSupport';

/**
 * Catalog reads applied by difference: reads that find nothing new, reads
 * after one entity's dependencies changed (a team's edit), and reads after
 * an entity was added (which maps alerts again).
 */
export async function measureCatalogChanges(options: {
  engine: StatusEngine;
  /** The catalog the engine reads, to time its listing alone. */
  catalog: CatalogService;
  entities: Entity[];
  setCatalogEntities: (entities: Entity[]) => void;
  /** Where the components named `svc-N` are in `entities`. */
  components: { from: number; count: number };
  pick: (n: number) => number;
}) {
  const { engine, catalog, entities, setCatalogEntities, components, pick } =
    options;
  // what the in-memory catalog itself spends listing refs and etags: a real
  // catalog's is its own (a query and the response's transfer)
  const listing: number[] = [];
  const auth = mockServices.auth();
  const byRef: number[] = [];
  for (let i = 0; i < 10; i++) {
    let start = performance.now();
    await listCatalog(catalog, auth);
    listing.push(performance.now() - start);
    start = performance.now();
    await readCatalog(catalog, auth, [
      `component:default/svc-${pick(components.count)}`,
    ]);
    byRef.push(performance.now() - start);
  }
  /** A refresh's own time: all of it but what it waited for the catalog. */
  const ownTime = (total: number) =>
    total - engine.catalogWaitMs.listing - engine.catalogWaitMs.reading;
  const unchanged: number[] = [];
  const unchangedOwn: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    await engine.refreshCatalog();
    unchanged.push(performance.now() - start);
    unchangedOwn.push(ownTime(unchanged[unchanged.length - 1]));
  }
  let current = entities;
  const dependencyChange: number[] = [];
  const dependencyChangeOwn: number[] = [];
  for (let i = 0; i < 20; i++) {
    const at = components.from + pick(components.count);
    const entity = current[at];
    const upstream = `component:default/svc-${pick(20)}`;
    current = [...current];
    current[at] = {
      ...entity,
      metadata: {
        ...entity.metadata,
        etag: `${entity.metadata.name}-${i + 1}`,
      },
      relations: [
        ...(entity.relations ?? []).slice(1),
        { type: 'dependsOn', targetRef: upstream },
      ],
    };
    setCatalogEntities(current);
    const start = performance.now();
    await engine.refreshCatalog();
    dependencyChange.push(performance.now() - start);
    dependencyChangeOwn.push(
      ownTime(dependencyChange[dependencyChange.length - 1]),
    );
  }
  const added: number[] = [];
  const addedOwn: number[] = [];
  for (let i = 0; i < 5; i++) {
    current = [
      ...current,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `new-${i}`, namespace: 'default', etag: `new-${i}` },
        spec: { type: 'service', owner: 'team-0', lifecycle: 'production' },
        relations: [
          { type: 'dependsOn', targetRef: 'component:default/svc-0' },
        ],
      },
    ];
    setCatalogEntities(current);
    const start = performance.now();
    await engine.refreshCatalog();
    added.push(performance.now() - start);
    addedOwn.push(ownTime(added[added.length - 1]));
  }
  console.log(
    `  the in-memory catalog's own cost (10 each): listing refs and etags ${latencyStats(
      listing,
    )}; reading one entity by ref ${latencyStats(byRef)}`,
  );
  console.log(
    `  catalog read that changes nothing (read + compare, 10 reads): ${latencyStats(
      unchanged,
    )}; one entity's dependencies changed (20 reads): ${latencyStats(
      dependencyChange,
    )}; one entity added, alerts mapped again (5 reads): ${latencyStats(
      added,
    )}`,
  );
  console.log(
    `  of which applied (the refresh's time less its wait for the catalog): nothing changed ${latencyStats(
      unchangedOwn,
    )}; one entity's dependencies ${latencyStats(
      dependencyChangeOwn,
    )}; one entity added ${latencyStats(addedOwn)}`,
  );
  setCatalogEntities(entities);
  await engine.refreshCatalog();
}
