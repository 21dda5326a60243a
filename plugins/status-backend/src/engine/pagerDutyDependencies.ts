import { Config } from '@backstage/config';
import {
  compareDependencies,
  DependencyComparison,
  DependencyEdge,
  DependencyPair,
  PagerDutyDependenciesMode,
} from '@status-layer/plugin-status-common';
import { ServiceDependencyStore } from '../database/DatabaseServiceDependencyStore';
import { serviceKey } from './PagerDutyFacts';

const MODES: readonly PagerDutyDependenciesMode[] = ['suggest', 'use', 'off'];

/**
 * `status.graph.pagerDutyDependencies`: `suggest` by default; throws on any
 * other value than `suggest`, `use` or `off`.
 */
export function readPagerDutyDependenciesMode(
  config: Config,
): PagerDutyDependenciesMode {
  const value =
    config.getOptionalString('status.graph.pagerDutyDependencies') ?? 'suggest';
  if (!(MODES as readonly string[]).includes(value)) {
    throw new Error(
      `status.graph.pagerDutyDependencies must be one of ${MODES.join(
        ', ',
      )}, not ${value}`,
    );
  }
  return value as PagerDutyDependenciesMode;
}

const NOTHING: DependencyComparison = { pagerDutyOnly: [], catalogOnly: [] };

/**
 * PagerDuty's service graph seen through the catalog: its edges mapped to
 * entities by their `pagerduty.com/service-id` annotations, compared with
 * the catalog's, and (with `use`) the edges PagerDuty alone knows added to
 * the health graph, marked so paths over them say so.
 */
export class PagerDutyDependencies {
  private comparison: DependencyComparison = NOTHING;
  /** The versions (PagerDuty's graph, the catalog's) the comparison was made for. */
  private comparedFor?: string;
  private comparing?: Promise<void>;

  constructor(
    readonly mode: PagerDutyDependenciesMode,
    private readonly store: ServiceDependencyStore | undefined,
  ) {}

  /**
   * Reads PagerDuty's edges, compares them with the catalog's, and returns
   * the edges the health graph uses: the catalog's, and with `use` those
   * PagerDuty alone knows. `entitiesOf` maps an account's service to the
   * entities naming it.
   */
  async edgesFor(
    catalog: DependencyEdge[],
    entitiesOf: (key: string) => string[],
  ): Promise<DependencyEdge[]> {
    if (this.mode === 'off' || !this.store) {
      this.comparison = NOTHING;
      return catalog;
    }
    const [stored, reads] = await Promise.all([
      this.store.list(),
      this.store.listRead(),
    ]);
    const pairs: DependencyPair[] = stored.flatMap(e =>
      entitiesOf(serviceKey(e.account, e.dependentId)).flatMap(dependent =>
        entitiesOf(serviceKey(e.account, e.supportingId)).map(upstream => ({
          dependent,
          upstream,
        })),
      ),
    );
    const read = new Set(
      reads.flatMap(r => entitiesOf(serviceKey(r.account, r.serviceId))),
    );
    this.comparison = compareDependencies(catalog, pairs, ref => read.has(ref));
    if (this.mode !== 'use') return catalog;
    return [
      ...catalog,
      ...this.comparison.pagerDutyOnly.map(p => ({
        ...p,
        critical: false,
        source: 'pagerduty' as const,
      })),
    ];
  }

  /**
   * Compares PagerDuty's graph with the catalog's again when either changed
   * since the last comparison: PagerDuty's as the store's version tells,
   * the catalog's as `catalogChangedAt` does. Concurrent callers share one.
   */
  async compareIfChanged(
    catalog: () => DependencyEdge[],
    entitiesOf: (key: string) => string[],
    catalogChangedAt: Date | undefined,
  ): Promise<void> {
    if (this.mode === 'off' || !this.store) return;
    const key = `${await this.store.version()}|${catalogChangedAt?.getTime()}`;
    if (key === this.comparedFor) return;
    this.comparing ??= this.edgesFor(catalog(), entitiesOf)
      .then(() => {
        this.comparedFor = key;
      })
      .finally(() => {
        this.comparing = undefined;
      });
    await this.comparing;
  }

  /** How PagerDuty's graph and the catalog differ, as last compared. */
  get differences(): DependencyComparison {
    return this.comparison;
  }
}
