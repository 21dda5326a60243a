import { compareLevels, HealthLevel, isOutage, OutageLevel } from '../health';
import { ChangeFollowUp } from './api';

/**
 * How long after a change a worsening is still shown next to it. Past two
 * hours, a deploy is rarely the first suspect.
 *
 * @public
 */
export const CHANGE_FOLLOW_UP_MINUTES = 120;

/**
 * One recorded change of an entity's levels, as the history keeps it.
 *
 * @public
 */
export type LevelTransition = {
  at: Date;
  ownFrom?: string;
  ownTo?: string;
  effectiveFrom: string;
  effectiveTo: string;
};

/** The first worsening into an outage in `(after, after + window]`. */
function firstWorsening(
  transitions: LevelTransition[],
  after: number,
  pick: (t: LevelTransition) => [string | undefined, string | undefined],
): { at: Date; level: ChangeFollowUp['level'] } | undefined {
  const end = after + CHANGE_FOLLOW_UP_MINUTES * 60_000;
  for (const t of transitions) {
    const time = t.at.getTime();
    if (time <= after || time > end) continue;
    const [from, to] = pick(t);
    if (
      isOutage(to as HealthLevel) &&
      compareLevels(to as HealthLevel, (from ?? 'operational') as HealthLevel) >
        0
    ) {
      return { at: t.at, level: to as ChangeFollowUp['level'] };
    }
  }
  return undefined;
}

/**
 * A PagerDuty incident opened on an entity, with the level it raises it to.
 *
 * @public
 */
export type OpenedIncident = { at: Date; title: string; level: OutageLevel };

/** The first incident opened in `(after, after + window]` that is an outage. */
function firstIncident(
  incidents: OpenedIncident[],
  after: number,
): { at: Date; level: ChangeFollowUp['level']; incident: string } | undefined {
  const end = after + CHANGE_FOLLOW_UP_MINUTES * 60_000;
  return incidents
    .filter(i => {
      const time = i.at.getTime();
      return time > after && time <= end && isOutage(i.level);
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(i => ({
      at: i.at,
      level: i.level as ChangeFollowUp['level'],
      incident: i.title,
    }))[0];
}

/**
 * What followed a change, the earliest of: an incident opened on the changed
 * entity, its own signals worsening into an outage, and the listed entity's
 * level (upstreams included) doing so; within
 * {@link CHANGE_FOLLOW_UP_MINUTES} of the change. Transitions are oldest
 * first. Incidents are PagerDuty's own record, so they tell what followed
 * even of changes made before the status layer watched.
 *
 * @public
 */
export function changeFollowUp(options: {
  at: Date;
  changed: {
    entityRef: string;
    transitions: LevelTransition[];
    incidents?: OpenedIncident[];
  };
  listed: { entityRef: string; transitions: LevelTransition[] };
}): ChangeFollowUp | undefined {
  const after = options.at.getTime();
  const candidates: {
    entityRef: string;
    found?: { at: Date; level: ChangeFollowUp['level']; incident?: string };
  }[] = [
    {
      entityRef: options.changed.entityRef,
      found: firstIncident(options.changed.incidents ?? [], after),
    },
    {
      entityRef: options.changed.entityRef,
      found: firstWorsening(options.changed.transitions, after, t => [
        t.ownFrom,
        t.ownTo,
      ]),
    },
    {
      entityRef: options.listed.entityRef,
      found: firstWorsening(options.listed.transitions, after, t => [
        t.effectiveFrom,
        t.effectiveTo,
      ]),
    },
  ].filter(c => c.found !== undefined);
  const first = candidates.sort(
    (a, b) => a.found!.at.getTime() - b.found!.at.getTime(),
  )[0];
  if (!first) return undefined;
  return {
    entityRef: first.entityRef,
    level: first.found!.level,
    at: first.found!.at.toISOString(),
    minutesAfter: Math.floor((first.found!.at.getTime() - after) / 60_000),
    ...(first.found!.incident ? { incident: first.found!.incident } : {}),
  };
}
