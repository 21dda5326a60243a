import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  countingOf,
  DAY_MS,
  DEFAULT_OBJECTIVE_WINDOW_DAYS,
  downtimeWithin,
  MaintenanceCounting,
  MAX_OBJECTIVE_WINDOW_DAYS,
  objectiveReport,
  parseObjective,
  SLO_ANNOTATION,
  StatusObjective,
  StatusObjectiveReport,
  StatusRollupObjectives,
} from '@status-layer/plugin-status-common';
import { leafMembersOf } from './rollup';
import { EntitySummary } from '../catalog/catalogSnapshot';

import { EntityRouteContext } from './EntityRouteContext';
import {
  asHistoryTransition,
  describeHistory,
  HISTORY_MAX_TRANSITIONS,
} from './history';

/** An objective config gives entities without the annotation: the first whose conditions all hold. */
export type ObjectiveDefault = {
  kind?: string;
  type?: string;
  lifecycle?: string;
  target: number;
  windowDays: number;
  degradedCounts?: true;
};

/** `status.objectives`: defaults, and how maintenance counts. */
export type ObjectiveRules = {
  defaults: ObjectiveDefault[];
  maintenance: MaintenanceCounting;
  /** Tell owners of fast burns (when notifications are on). */
  burnNotifications: boolean;
};

/** `status.objectives` from config, checked. */
export function readObjectiveRules(config: Config): ObjectiveRules {
  const section = config.getOptionalConfig('status.objectives');
  const maintenance = section?.getOptionalString('maintenance') ?? 'excluded';
  if (maintenance !== 'excluded' && maintenance !== 'counted')
    throw new InputError(
      `status.objectives.maintenance must be excluded or counted, not "${maintenance}"`,
    );
  const defaults = (section?.getOptionalConfigArray('defaults') ?? []).map(
    (entry, index) => {
      const where = `status.objectives.defaults[${index}]`;
      const parsed = parseObjective(
        `${entry.getNumber('target')}/${
          entry.getOptionalNumber('windowDays') ?? DEFAULT_OBJECTIVE_WINDOW_DAYS
        }d${entry.getOptionalBoolean('degradedCounts') ? ' degraded' : ''}`,
      );
      if ('problem' in parsed)
        throw new InputError(`${where}: ${parsed.problem}`);
      return {
        kind: entry.getOptionalString('kind')?.toLocaleLowerCase('en-US'),
        type: entry.getOptionalString('type'),
        lifecycle: entry.getOptionalString('lifecycle'),
        ...parsed,
      };
    },
  );
  return {
    defaults,
    maintenance,
    burnNotifications: section?.getOptionalBoolean('burnNotifications') ?? true,
  };
}

/** An entity's objective: its annotation, else the first matching default. */
export function objectiveOf(
  entity: EntitySummary,
  rules: ObjectiveRules,
): { objective?: StatusObjective; problem?: string } {
  const raw = entity.annotations?.[SLO_ANNOTATION];
  if (raw !== undefined) {
    const parsed = parseObjective(raw);
    if ('problem' in parsed)
      return { problem: `${SLO_ANNOTATION}: ${parsed.problem}` };
    return { objective: { ...parsed, source: 'annotation' } };
  }
  const match = rules.defaults.find(
    d =>
      (!d.kind || d.kind === entity.kind.toLocaleLowerCase('en-US')) &&
      (!d.type || d.type === entity.type) &&
      (!d.lifecycle || d.lifecycle === entity.lifecycle),
  );
  return match
    ? {
        objective: {
          target: match.target,
          windowDays: match.windowDays,
          source: 'config',
          ...(match.degradedCounts ? { degradedCounts: true } : {}),
        },
      }
    : {};
}

/**
 * How an entity stands against its objective, for its caller: the window's
 * days as its history tells them (backfilled before recording), the last
 * hour's and day's downtime from its transitions; upstreams the caller may
 * not see are `hidden`.
 */
export async function describeObjective(
  about: EntityRouteContext,
  rules: ObjectiveRules,
): Promise<StatusObjectiveReport> {
  const { entityRef, engine, store, view, now } = about;
  const entity = engine.entity(entityRef);
  const { objective, problem } = entity ? objectiveOf(entity, rules) : {};
  if (!objective)
    return {
      entityRef,
      ...(problem ? { problem } : {}),
      generatedAt: now.toISOString(),
    };
  // the history already read when recording began: one read fewer per entity
  const [history, recent] = await Promise.all([
    describeHistory({
      ...about,
      query: {
        days: String(Math.min(objective.windowDays, MAX_OBJECTIVE_WINDOW_DAYS)),
      },
    }),
    store.readHistory(entityRef, {
      since: new Date(now.getTime() - DAY_MS),
      limit: HISTORY_MAX_TRANSITIONS,
    }),
  ]);
  const observedSince = history.observedSince
    ? Date.parse(history.observedSince)
    : undefined;
  const transitions = [
    ...(recent.before ? [recent.before] : []),
    ...recent.transitions,
  ].map(t => asHistoryTransition(t, view));
  const within = (ms: number) =>
    downtimeWithin({
      transitions,
      from: now.getTime() - ms,
      now: now.getTime(),
      observedSince,
      counting: countingOf(objective),
    });
  return objectiveReport({
    entityRef,
    objective,
    days: history.days,
    lastHour: within(3_600_000),
    lastDay: within(DAY_MS),
    maintenance: rules.maintenance,
    now,
  });
}

/** Members of a roll-up whose objectives are read at once: each reads its own history. */
export const MAX_ROLLUP_OBJECTIVES = 50;

/**
 * The objectives of a System's, Domain's or Group's members the caller may
 * see, least budget left first: at most {@link MAX_ROLLUP_OBJECTIVES}
 * members (by name), each read as its own page reads it.
 */
export async function describeRollupObjectives(
  about: EntityRouteContext,
  rules: ObjectiveRules,
): Promise<StatusRollupObjectives> {
  const { engine, view, entityRef, now } = about;
  const members = leafMembersOf(engine, entityRef, view).sort((a, b) =>
    a.ref.localeCompare(b.ref),
  );
  const withObjective = members.filter(m => objectiveOf(m, rules).objective);
  const read = withObjective.slice(0, MAX_ROLLUP_OBJECTIVES);
  const reports: StatusObjectiveReport[] = [];
  for (const member of read)
    reports.push(
      await describeObjective({ ...about, entityRef: member.ref }, rules),
    );
  const left = (r: StatusObjectiveReport) =>
    r.window?.budgetLeft ?? Number.POSITIVE_INFINITY;
  return {
    entityRef,
    members: reports.sort(
      (a, b) => left(a) - left(b) || a.entityRef.localeCompare(b.entityRef),
    ),
    withoutObjective: members.length - withObjective.length,
    truncated: withObjective.length > read.length,
    generatedAt: now.toISOString(),
  };
}
