import { serviceKey } from '../engine/PagerDutyFacts';
import { StatusEngine } from '../engine/StatusEngine';

/** Upstreams followed from one entity: more than any real dependency tree holds. */
const MAX_UPSTREAMS = 2_000;

/**
 * The entity and every transitive upstream along `dependsOn`, each with the
 * shortest path to it (breadth first), bounded.
 */
export function upstreamPaths(
  engine: StatusEngine,
  entityRef: string,
): Map<string, string[]> {
  const paths = new Map([[entityRef, [entityRef]]]);
  const queue = [entityRef];
  while (queue.length && paths.size < MAX_UPSTREAMS) {
    const ref = queue.shift()!;
    for (const upstream of engine.upstreamsOf(ref)) {
      if (paths.has(upstream)) continue;
      paths.set(upstream, [...paths.get(ref)!, upstream]);
      queue.push(upstream);
    }
  }
  return paths;
}

/**
 * The PagerDuty services of some entities, each with the entities it maps
 * to (`account/serviceId` keys).
 */
export function servicesOf(engine: StatusEngine, refs: Iterable<string>) {
  const refsByService = new Map<string, string[]>();
  const services: { account: string; serviceId: string }[] = [];
  for (const ref of refs) {
    const entity = engine.entity(ref);
    if (!entity) continue;
    for (const serviceId of entity.pagerDutyServiceIds) {
      const key = serviceKey(entity.pagerDutyAccount, serviceId);
      if (!refsByService.has(key)) {
        refsByService.set(key, []);
        services.push({ account: entity.pagerDutyAccount, serviceId });
      }
      refsByService.get(key)!.push(ref);
    }
  }
  return { services, refsByService };
}
