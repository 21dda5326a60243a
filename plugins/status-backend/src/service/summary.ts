import {
  compareLevels,
  HealthLevel,
  isOutage,
  LEVEL_PRECEDENCE,
  rollUp,
} from '@internal/plugin-status-common';
import { addTo } from '../engine/addTo';
import { StatusEngine } from '../engine/StatusEngine';
import { incidentView } from './entityStatus';

/** Filters of `GET /summary`; each takes several comma-separated values. */
export type SummaryFilters = {
  kind?: string[];
  owner?: string[];
  system?: string[];
  domain?: string[];
  level?: HealthLevel[];
};

const lower = (values?: string[]) =>
  values?.map(v => v.toLocaleLowerCase('en-US'));

/**
 * The company-wide summary: every visible entity's level, counts, roll-ups
 * per owner, system and domain, and what is broken — entities with their own
 * outage, each with the number of entities it impacts, worst first.
 */
export function summariseStatus(
  engine: StatusEngine,
  visible: Set<string>,
  filters: SummaryFilters,
) {
  const systems = new Map<string, string | undefined>();
  for (const e of engine.allEntities())
    if (e.kind === 'System') systems.set(e.ref, e.domain);
  const kinds = lower(filters.kind);
  const entities = [...engine.allEntities()]
    .filter(e => visible.has(e.ref))
    .map(e => {
      const levels = engine.levels(e.ref);
      const domain =
        e.kind === 'System' ? e.domain : systems.get(e.system ?? '');
      return {
        entityRef: e.ref,
        kind: e.kind,
        name: e.name,
        title: e.title,
        owner: e.owner,
        system: e.system,
        domain,
        ...levels,
      };
    })
    .filter(
      e =>
        (!kinds || kinds.includes(e.kind.toLocaleLowerCase('en-US'))) &&
        (!filters.owner || (e.owner && filters.owner.includes(e.owner))) &&
        (!filters.system || (e.system && filters.system.includes(e.system))) &&
        (!filters.domain || (e.domain && filters.domain.includes(e.domain))) &&
        (!filters.level || filters.level.includes(e.effective)),
    )
    .sort(
      (a, b) =>
        compareLevels(b.effective, a.effective) ||
        a.entityRef.localeCompare(b.entityRef),
    );

  const counts = Object.fromEntries(
    LEVEL_PRECEDENCE.map(level => [level, 0]),
  ) as Record<HealthLevel, number>;
  for (const e of entities) counts[e.effective] += 1;

  const rollUpBy = (key: 'owner' | 'system' | 'domain') => {
    const groups = new Map<string, { ref: string; level: HealthLevel }[]>();
    for (const e of entities) {
      const group = e[key];
      if (!group) continue;
      addTo(groups, group, { ref: e.entityRef, level: e.effective });
    }
    return Object.fromEntries(
      [...groups].map(([group, members]) => [
        group,
        { ...rollUp(members), members: members.length },
      ]),
    );
  };

  // Own outages are the problems; what they impact is grouped under them.
  const broken = entities
    .filter(e => isOutage(e.own))
    .map(e => {
      const impacted = engine
        .impactedBy(e.entityRef)
        .filter(r => visible.has(r));
      return {
        entityRef: e.entityRef,
        level: e.own as HealthLevel,
        owner: e.owner,
        incidents: engine.incidentsOf(e.entityRef).map(incidentView),
        impactedCount: impacted.length,
        impacted: impacted.slice(0, 50),
      };
    })
    .sort(
      (a, b) =>
        compareLevels(b.level, a.level) || b.impactedCount - a.impactedCount,
    );

  return {
    counts,
    total: entities.length,
    entities,
    byOwner: rollUpBy('owner'),
    bySystem: rollUpBy('system'),
    byDomain: rollUpBy('domain'),
    broken,
    freshness: engine.freshness(),
  };
}
