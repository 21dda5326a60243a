/* eslint-disable no-console */
// Part of the engine benchmark (engine.ts): catalog reads applied by difference.
import { Entity } from '@backstage/catalog-model';
import { performance } from 'node:perf_hooks';
import { StatusEngine } from '../src/engine/StatusEngine';
import { latencyStats } from './benchSupport';

/**
 * Catalog reads applied by difference: reads that find nothing new, reads
 * after one entity's dependencies changed (a team's edit), and reads after
 * an entity was added (which maps alerts again).
 */
export async function measureCatalogChanges(options: {
  engine: StatusEngine;
  entities: Entity[];
  setCatalogEntities: (entities: Entity[]) => void;
  /** Where the components named `svc-N` are in `entities`. */
  components: { from: number; count: number };
  pick: (n: number) => number;
}) {
  const { engine, entities, setCatalogEntities, components, pick } = options;
  const unchanged: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    await engine.refreshCatalog();
    unchanged.push(performance.now() - start);
  }
  let current = entities;
  const dependencyChange: number[] = [];
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
  }
  const added: number[] = [];
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
  }
  console.log(
    `  catalog read that changes nothing (read + compare, 10 reads): ${latencyStats(
      unchanged,
    )}; one entity's dependencies changed (20 reads): ${latencyStats(
      dependencyChange,
    )}; one entity added, alerts mapped again (5 reads): ${latencyStats(
      added,
    )}`,
  );
  setCatalogEntities(entities);
  await engine.refreshCatalog();
}
