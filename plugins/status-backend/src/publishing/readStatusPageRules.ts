import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * The levels a status page shows as an impact in its incident post; the
 * rest is operational there (maintenance has a post of its own).
 */
export const PUBLISHED_LEVELS = [
  'degraded',
  'partial_outage',
  'major_outage',
] as const;

/** One PagerDuty status page kept in step with some entities. */
export type StatusPageRule = {
  /** The PagerDuty account the page belongs to. */
  account: string;
  /** The page's name or ID. */
  page: string;
  /** Which entity each of the page's services shows (by the service's name or ID). */
  components: { entityRef: string; service: string }[];
  /** Publish the level with upstreams (off: the entity's own signals only). */
  inherited: boolean;
  /** How long a level must hold before the page shows it. */
  minDurationMs: number;
  /** The least time between two writes to the page. */
  minIntervalMs: number;
  /** Each level's impact, by the page's impact descriptions. */
  impacts: Record<(typeof PUBLISHED_LEVELS)[number], string>;
  /** The impact of an operational service. */
  operational: string;
  /** The title of the incident posts it opens. */
  title: string;
  /** The impact, among maintenance posts' impacts, of a service under maintenance. */
  maintenanceImpact: string;
  /** The title of the maintenance posts it opens. */
  maintenanceTitle: string;
};

const DEFAULT_IMPACTS: StatusPageRule['impacts'] = {
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** `status.statusPages` from config, checked: only what an admin wrote is ever published. */
export function readStatusPageRules(
  config: Config,
  accounts: string[],
): StatusPageRule[] {
  return (config.getOptionalConfigArray('status.statusPages') ?? []).map(
    (entry, index) => {
      const where = `status.statusPages[${index}]`;
      const account = entry.getOptionalString('account') ?? 'default';
      if (!accounts.includes(account))
        throw new InputError(
          `${where}.account: no PagerDuty account "${account}" is configured`,
        );
      const components = entry.getConfigArray('components').map((c, i) => {
        const raw = c.getString('entity');
        let entityRef: string;
        try {
          entityRef = stringifyEntityRef(
            parseEntityRef(raw, { defaultKind: 'component' }),
          );
        } catch {
          throw new InputError(
            `${where}.components[${i}].entity: "${raw}" is not an entity reference`,
          );
        }
        return { entityRef, service: c.getString('service') };
      });
      if (!components.length)
        throw new InputError(`${where}.components: name at least one`);
      const seconds = (key: string, fallback: number, max: number) => {
        const value = entry.getOptionalNumber(key) ?? fallback;
        if (!(value >= 0 && value <= max))
          throw new InputError(`${where}.${key} must be 0 to ${max}`);
        return value * 1000;
      };
      const impacts = entry.getOptionalConfig('impacts');
      return {
        account,
        page: entry.getString('page'),
        components,
        inherited: entry.getOptionalBoolean('inherited') ?? false,
        minDurationMs: seconds('minDurationSeconds', 120, 86_400),
        // PagerDuty allows 960 requests a minute per key, shared with the sync
        minIntervalMs: seconds('minIntervalSeconds', 30, 3_600),
        impacts: Object.fromEntries(
          PUBLISHED_LEVELS.map(level => [
            level,
            impacts?.getOptionalString(level) ?? DEFAULT_IMPACTS[level],
          ]),
        ) as StatusPageRule['impacts'],
        operational: impacts?.getOptionalString('operational') ?? 'Operational',
        title: entry.getOptionalString('title') ?? 'Service disruption',
        maintenanceImpact:
          impacts?.getOptionalString('under_maintenance') ??
          'Under maintenance',
        maintenanceTitle:
          entry.getOptionalString('maintenanceTitle') ??
          'Scheduled maintenance',
      };
    },
  );
}
