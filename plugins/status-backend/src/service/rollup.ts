import {
  compareLevels,
  countDisplayLevels,
  DisplayLevel,
  displayLevel,
  EntityLevels,
  isMonitored,
  rollupDisplayLevel,
  HealthLevel,
  HIDDEN_ENTITY_REF,
  rollUp,
  StatusRollup,
  StatusRollupMember,
} from '@status-layer/plugin-status-common';
import { addTo } from '../lib/addTo';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { describeOwner, rootCausesForCaller } from './entityStatus';

const MEMBER_KINDS = new Set(['Component', 'Resource', 'API', 'System']);

/** The level an entity is shown and counted at: not monitored and misconfigured apart from operational. */
export function entityDisplayLevel(
  engine: StatusEngine,
  ref: string,
): DisplayLevel {
  const levels = engine.levels(ref);
  return displayLevel({
    monitored: isMonitored(levels),
    effective: levels.effective,
    misconfigured: engine.isMisconfigured(ref),
  });
}

/** The direct members of a System (its parts), Domain (its Systems) or Group (what it owns). */
export function membersOf(engine: StatusEngine, ref: string): EntitySummary[] {
  const kind = ref.slice(0, ref.indexOf(':'));
  const all = [...engine.allEntities()];
  if (kind === 'system') return all.filter(e => e.system === ref);
  if (kind === 'domain')
    return all.filter(e => e.kind === 'System' && e.domain === ref);
  return all.filter(e => e.owner === ref && MEMBER_KINDS.has(e.kind));
}

/**
 * The members a roll-up's history and incident response are made of, among
 * those the caller may see: a System's parts, a Domain's Systems' parts, a
 * Group's own entities but not its Systems (levels and incidents belong to
 * parts; a System's level is itself a roll-up).
 */
export function leafMembersOf(
  engine: StatusEngine,
  ref: string,
  view: CallerView,
): EntitySummary[] {
  const direct = membersOf(engine, ref).filter(m => view.has(m.ref));
  const parts = ref.startsWith('domain:')
    ? direct.flatMap(system =>
        membersOf(engine, system.ref).filter(m => view.has(m.ref)),
      )
    : direct.filter(m => m.kind !== 'System');
  return [...new Map(parts.map(p => [p.ref, p])).values()];
}

/**
 * The status of a System (its parts), a Domain (its Systems) or a Group (what
 * it owns): members worst first with their root causes, and the broken
 * upstreams outside it that impact its members.
 */
export function describeRollup(options: {
  ref: string;
  engine: StatusEngine;
  view: CallerView;
}): StatusRollup {
  const { ref, engine, view } = options;
  const members = membersOf(engine, ref).filter(m => view.has(m.ref));
  const memberRefs = new Set(members.map(m => m.ref));

  // A Domain's members are Systems: their level is the roll-up of their parts.
  const partsOf = new Map<string, string[]>();
  if (ref.startsWith('domain:')) {
    for (const e of engine.allEntities()) {
      if (e.system && memberRefs.has(e.system) && view.has(e.ref))
        addTo(partsOf, e.system, e.ref);
    }
  }
  const levelsOf = (member: string): EntityLevels => {
    const parts = partsOf.get(member);
    if (!parts) return engine.levels(member);
    const level = rollUp(
      parts.map(p => ({ ref: p, level: engine.levels(p).effective })),
    ).level;
    return { own: undefined, inherited: 'operational', effective: level };
  };

  const upstream = new Map<string, Set<string>>();
  const memberViews = members.map((member): StatusRollupMember => {
    const causes = rootCausesForCaller(
      (partsOf.get(member.ref) ?? [member.ref]).flatMap(r =>
        engine.rootCausesOf(r),
      ),
      view,
    );
    // those the caller may not read are one unnamed cause
    const rootCauses = [
      ...causes.visible,
      ...(causes.hidden ? [causes.hidden] : []),
    ].map(c => ({
      entityRef: c.root,
      level: c.level,
      hops: c.path.length - 1,
    }));
    for (const c of rootCauses) {
      if (memberRefs.has(c.entityRef)) continue;
      if (!upstream.has(c.entityRef)) upstream.set(c.entityRef, new Set());
      upstream.get(c.entityRef)!.add(member.ref);
    }
    const incidentOwners = partsOf.get(member.ref) ?? [member.ref];
    const levels = levelsOf(member.ref);
    const parts = partsOf.get(member.ref);
    return {
      entityRef: member.ref,
      kind: member.kind,
      name: member.name,
      title: member.title,
      levels,
      // a Domain's System is shown as its parts roll up; any other member as itself
      displayLevel: parts
        ? rollupDisplayLevel(
            countDisplayLevels(parts.map(p => entityDisplayLevel(engine, p))),
          )
        : entityDisplayLevel(engine, member.ref),
      rootCauses: dedupeByRoot(rootCauses),
      activeIncidents: incidentOwners.reduce(
        (n, r) => n + engine.incidentsOf(r).length,
        0,
      ),
    };
  });
  memberViews.sort(
    (a, b) =>
      compareLevels(b.levels.effective, a.levels.effective) ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const hiddenLevel = (impacts: Set<string>) =>
    memberViews
      .filter(m => impacts.has(m.entityRef))
      .flatMap(m => m.rootCauses)
      .filter(c => c.entityRef === HIDDEN_ENTITY_REF)
      .reduce<HealthLevel>(
        (worst, c) => (compareLevels(c.level, worst) > 0 ? c.level : worst),
        'operational',
      );
  const upstreamProblems = [...upstream]
    .map(([root, impacts]) => ({
      entityRef: root,
      // what is hidden shows only the level it passes on
      level:
        root === HIDDEN_ENTITY_REF
          ? hiddenLevel(impacts)
          : engine.levels(root).effective,
      owner:
        root === HIDDEN_ENTITY_REF ? null : describeOwner(engine, root, view),
      impacts: [...impacts].sort(),
    }))
    .sort(
      (a, b) =>
        compareLevels(b.level, a.level) ||
        b.impacts.length - a.impacts.length ||
        a.entityRef.localeCompare(b.entityRef),
    );

  const freshness = engine.freshness();
  const counts = countDisplayLevels(memberViews.map(m => m.displayLevel));
  return {
    entityRef: ref,
    level: rollUp(
      memberViews.map(m => ({ ref: m.entityRef, level: m.levels.effective })),
    ).level,
    displayLevel: rollupDisplayLevel(counts),
    counts,
    members: memberViews,
    upstreamProblems,
    freshness: {
      stale: freshness.stale,
      lastSuccessAt: freshness.lastSuccessAt,
    },
  };
}

/** One entry per root cause: the worst level, then the shortest path. */
function dedupeByRoot<
  T extends { entityRef: string; level: string; hops: number },
>(causes: T[]): T[] {
  const best = new Map<string, T>();
  for (const c of causes) {
    const known = best.get(c.entityRef);
    if (
      !known ||
      compareLevels(c.level as HealthLevel, known.level as HealthLevel) > 0 ||
      (c.level === known.level && c.hops < known.hops)
    )
      best.set(c.entityRef, c);
  }
  return [...best.values()].sort(
    (a, b) =>
      compareLevels(b.level as HealthLevel, a.level as HealthLevel) ||
      a.hops - b.hops,
  );
}
