import { DependencyEdge } from './HealthGraph';

/**
 * `dependent` needs `upstream`, two entity refs.
 *
 * @public
 */
export type DependencyPair = { dependent: string; upstream: string };

/**
 * How PagerDuty's service graph and the catalog's dependencies differ: what
 * PagerDuty knows that the catalog never recorded, and what the catalog
 * records between two entities PagerDuty has read that PagerDuty lacks.
 *
 * @public
 */
export type DependencyComparison = {
  pagerDutyOnly: DependencyPair[];
  catalogOnly: DependencyPair[];
};

const isApi = (ref: string) =>
  ref.toLocaleLowerCase('en-US').startsWith('api:');
const key = (dependent: string, upstream: string) =>
  `${dependent}\u0000${upstream}`;

/**
 * Compares PagerDuty's dependencies (mapped to entities through their
 * `pagerduty.com/service-id` annotations) with the catalog's edges. The
 * catalog knows `a` needs `b` when `a` depends on `b`, or consumes an API
 * `b` provides. A catalog edge counts as missing from PagerDuty only when
 * `read(a)` and `read(b)`: both name PagerDuty services whose dependencies
 * have been read, so PagerDuty's silence means something.
 *
 * @public
 */
export function compareDependencies(
  catalog: DependencyEdge[],
  pagerDuty: DependencyPair[],
  read: (ref: string) => boolean,
): DependencyComparison {
  const upstreams = new Map<string, string[]>();
  for (const e of catalog) {
    if (e.source === 'pagerduty') continue;
    upstreams.set(e.dependent, [
      ...(upstreams.get(e.dependent) ?? []),
      e.upstream,
    ]);
  }
  // what each entity needs in the catalog, an API standing for its providers
  const known = new Set<string>();
  const catalogPairs: DependencyPair[] = [];
  for (const [dependent, ups] of upstreams) {
    if (isApi(dependent)) continue;
    const reached = ups.flatMap(up =>
      isApi(up) ? upstreams.get(up) ?? [] : [up],
    );
    for (const upstream of new Set(reached)) {
      if (upstream === dependent || known.has(key(dependent, upstream)))
        continue;
      known.add(key(dependent, upstream));
      catalogPairs.push({ dependent, upstream });
    }
  }
  const inPagerDuty = new Set<string>();
  const pagerDutyOnly: DependencyPair[] = [];
  for (const { dependent, upstream } of pagerDuty) {
    const k = key(dependent, upstream);
    if (dependent === upstream || inPagerDuty.has(k)) continue;
    inPagerDuty.add(k);
    if (!known.has(k)) pagerDutyOnly.push({ dependent, upstream });
  }
  const catalogOnly = catalogPairs.filter(
    p =>
      read(p.dependent) &&
      read(p.upstream) &&
      !inPagerDuty.has(key(p.dependent, p.upstream)),
  );
  const order = (a: DependencyPair, b: DependencyPair) =>
    a.dependent.localeCompare(b.dependent) ||
    a.upstream.localeCompare(b.upstream);
  return {
    pagerDutyOnly: pagerDutyOnly.sort(order),
    catalogOnly: catalogOnly.sort(order),
  };
}
