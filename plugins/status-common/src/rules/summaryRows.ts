import { StatusSummaryEntity, StatusSummaryFacets } from '../summary/api';
import { compareLevels, HealthLevel } from '../health';
import {
  countDisplayLevels,
  DisplayLevel,
  displayLevel,
  isMonitored,
} from '../health/monitoring';

/**
 * How the dashboard's "everything" list is grouped: by Domain → System, by
 * owning group, or not at all.
 *
 * @public
 */
export type StatusGrouping = 'domain' | 'owner' | 'flat';

/** Every grouping, the default first. @public */
export const STATUS_GROUPINGS: readonly StatusGrouping[] = [
  'domain',
  'owner',
  'flat',
];

/**
 * A row of the "everything" list: a group heading or an entity.
 *
 * @public
 */
export type StatusSummaryRow =
  | {
      type: 'group';
      /** Unique in the list: the path of group refs, joined by `>`. */
      key: string;
      /** The group's entity ref, or a label such as "(no system)". */
      ref: string;
      depth: number;
      /** The worst effective level of its entities. */
      level: HealthLevel;
      count: number;
      collapsed: boolean;
    }
  | { type: 'entity'; key: string; entity: StatusSummaryEntity; depth: number };

/**
 * A page of the dashboard's "everything" list, grouped on the server: the
 * answer of `GET /api/status/summary/rows`.
 *
 * @public
 */
export type StatusSummaryRows = {
  rows: StatusSummaryRow[];
  /** Rows in the whole list (group headings included). */
  total: number;
  /** Entities that pass the filters. */
  entities: number;
  offset: number;
  limit: number;
};

type Tree = Map<string, { entities: StatusSummaryEntity[]; children?: Tree }>;

const NO_OWNER = '(no owner)';
const NO_DOMAIN = '(no domain)';
const NO_SYSTEM = '(no system)';

function worst(entities: StatusSummaryEntity[]): HealthLevel {
  return entities.reduce<HealthLevel>(
    (level, e) => (compareLevels(e.effective, level) > 0 ? e.effective : level),
    'operational',
  );
}

function buildTree(
  entities: StatusSummaryEntity[],
  grouping: StatusGrouping,
): Tree {
  const tree: Tree = new Map();
  const at = (map: Tree, key: string) => {
    if (!map.has(key)) map.set(key, { entities: [] });
    return map.get(key)!;
  };
  for (const e of entities) {
    if (grouping === 'owner') {
      at(tree, e.owner ?? NO_OWNER).entities.push(e);
    } else {
      // Domain → System → entity; a System sits under its own Domain
      const domain = at(tree, e.domain ?? NO_DOMAIN);
      domain.children ??= new Map();
      const systemRef = e.kind === 'System' ? e.entityRef : e.system;
      at(domain.children, systemRef ?? NO_SYSTEM).entities.push(e);
      domain.entities.push(e);
    }
  }
  return tree;
}

/**
 * The rows of the "everything" list: flat, or grouped by owner or by Domain →
 * System, each group with its roll-up level, worst group first; the entities
 * of a collapsed group (by key) are left out. The backend pages these rows.
 *
 * @public
 */
export function buildSummaryRows(
  entities: StatusSummaryEntity[],
  grouping: StatusGrouping,
  collapsed: ReadonlySet<string>,
): StatusSummaryRow[] {
  if (grouping === 'flat') {
    return entities.map(e => ({
      type: 'entity',
      key: e.entityRef,
      entity: e,
      depth: 0,
    }));
  }
  const rows: StatusSummaryRow[] = [];
  const walk = (tree: Tree, depth: number, parent: string) => {
    const groups = [...tree].map(([ref, node]) => ({
      ref,
      node,
      level: worst(node.entities),
    }));
    groups.sort(
      (a, b) => compareLevels(b.level, a.level) || a.ref.localeCompare(b.ref),
    );
    for (const { ref, node, level } of groups) {
      const key = `${parent}>${ref}`;
      const isCollapsed = collapsed.has(key);
      rows.push({
        type: 'group',
        key,
        ref,
        depth,
        level,
        count: node.entities.length,
        collapsed: isCollapsed,
      });
      if (isCollapsed) continue;
      if (node.children) {
        walk(node.children, depth + 1, key);
      } else {
        for (const e of node.entities)
          rows.push({
            type: 'entity',
            key: `${key}>${e.entityRef}`,
            entity: e,
            depth: depth + 1,
          });
      }
    }
  };
  walk(buildTree(entities, grouping), 0, '');
  return rows;
}

/**
 * The values the filters can take among some entities (the summary's
 * `facets`), each list sorted.
 *
 * @public
 */
export function summaryFacets(
  entities: StatusSummaryEntity[],
): StatusSummaryFacets {
  const values = (pick: (e: StatusSummaryEntity) => string | undefined) =>
    [...new Set(entities.map(pick).filter(Boolean) as string[])].sort();
  return {
    kind: values(e => e.kind),
    owner: values(e => e.owner),
    system: values(e => e.system),
    domain: values(e => e.domain),
  };
}

/**
 * The level a summary entity is shown and counted at: not monitored and
 * misconfigured apart from operational ({@link displayLevel}).
 *
 * @public
 */
export function summaryEntityLevel(entity: StatusSummaryEntity): DisplayLevel {
  return displayLevel({
    monitored: isMonitored(entity),
    effective: entity.effective,
    misconfigured: entity.misconfigured,
  });
}

/** Entities per display level (the summary's `counts`). @public */
export function countSummaryLevels(
  entities: StatusSummaryEntity[],
): Record<DisplayLevel, number> {
  return countDisplayLevels(entities.map(summaryEntityLevel));
}
