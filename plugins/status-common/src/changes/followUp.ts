import { compareLevels, HealthLevel, isOutage } from '../health';
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
 * What followed a change: the earlier of the changed entity's own signals
 * worsening into an outage and the listed entity's level (upstreams
 * included) doing so, within {@link CHANGE_FOLLOW_UP_MINUTES} of the change.
 * Transitions are oldest first.
 *
 * @public
 */
export function changeFollowUp(options: {
  at: Date;
  changed: { entityRef: string; transitions: LevelTransition[] };
  listed: { entityRef: string; transitions: LevelTransition[] };
}): ChangeFollowUp | undefined {
  const after = options.at.getTime();
  const candidates = [
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
  };
}
