import {
  dailyHistory,
  rollupHistory,
  HealthLevel,
  historyAvailability,
  HistoryTransition,
  OutageLevel,
  StatusHistory,
  StatusHistoryTransition,
  StatusTransitionsPage,
  withBackfilledDays,
  DAY_MS,
} from '@status-layer/plugin-status-common';
import { z } from 'zod';
import { StatusStore, StatusTransition } from '../database';
import { CallerView } from './CallerAccess';
import { EntityRouteContext } from './EntityRouteContext';
import { StatusEngine } from '../engine/StatusEngine';
import { rootCausesForCaller } from './entityStatus';
import { leafMembersOf } from './rollup';
import { changesAlongPath } from './changes';
import { parseQuery } from './parseQuery';

/** Transitions one history answer reads: far more than a flapping entity makes in 90 days. */
export const HISTORY_MAX_TRANSITIONS = 20_000;
/** Transitions one roll-up's history reads, over all its members. */
export const ROLLUP_MAX_TRANSITIONS = 100_000;
/** Transitions one day's timeline returns. */
const DAY_MAX_TRANSITIONS = 500;

const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(400).default(90),
});
const dayQuery = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD')
    .refine(d => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'no such day'),
});

/** What one day's timeline is asked with (the query names the day). */
type DayOptions = Omit<EntityRouteContext, 'now'>;

/** The day a timeline query names, and its UTC bounds. */
function dayWindow(query: unknown) {
  const { day } = parseQuery(dayQuery, query);
  const since = new Date(`${day}T00:00:00.000Z`);
  return { day, since, until: new Date(since.getTime() + DAY_MS) };
}

type Reason = {
  signals?: { id: string; title: string; level: HealthLevel }[];
  rootCauses?: { root: string; level: OutageLevel; path: string[] }[];
};

const reasonOf = (t: StatusTransition): Reason =>
  t.reason && typeof t.reason === 'object' ? (t.reason as Reason) : {};

/** The upstreams a transition blames, as the reader may see them. */
function rootCausesSeenBy(t: StatusTransition, view: CallerView) {
  const causes = rootCausesForCaller(reasonOf(t).rootCauses ?? [], view);
  return [...causes.visible, ...(causes.hidden ? [causes.hidden] : [])];
}

/** A stored transition as a history reads it, its root causes as the caller may see them. */
export const asHistoryTransition = (
  t: StatusTransition,
  view: CallerView,
): HistoryTransition => ({
  at: t.at.toISOString(),
  ownTo: t.ownTo as HealthLevel | undefined,
  effectiveTo: t.effectiveTo as HealthLevel,
  rootCauses: rootCausesSeenBy(t, view).map(c => c.root),
});

const availabilities = (daily: ReturnType<typeof dailyHistory>, days: number) =>
  [7, 30, 90].filter(n => n <= days).map(n => historyAvailability(daily, n));

const startOfWindow = (now: Date, days: number) =>
  new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS);

/** An entity's days, availability and when recording began. */
export async function describeHistory(
  options: EntityRouteContext,
): Promise<StatusHistory> {
  const { days } = parseQuery(historyQuery, options.query);
  const { entityRef, store, view, now } = options;
  const [history, observedSince] = await Promise.all([
    store.readHistory(entityRef, {
      since: startOfWindow(now, days),
      limit: HISTORY_MAX_TRANSITIONS,
    }),
    store.observedSince(),
  ]);
  const daily = dailyHistory({
    transitions: [
      ...(history.before ? [history.before] : []),
      ...history.transitions,
    ].map(t => asHistoryTransition(t, view)),
    days,
    now,
    observedSince,
  });
  const backfill = await backfilledDays({
    entityRef,
    engine: options.engine,
    store,
    observedSince,
    from: startOfWindow(now, days),
  });
  const filled = backfill
    ? withBackfilledDays(daily, backfill.incidents, backfill.window)
    : daily;
  return {
    entityRef,
    days: filled,
    // its own availability counts the past incidents of the days they fill
    availability: availabilities(filled, days),
    observedSince: observedSince?.toISOString(),
    backfilledFrom: backfill?.window.from.toISOString(),
    truncated: history.truncated,
    generatedAt: now.toISOString(),
  };
}

/**
 * The past incidents of an entity's PagerDuty services over the part of the
 * window the backfill read, with the level each raised it to; undefined
 * when nothing was backfilled there.
 */
async function backfilledDays(options: {
  entityRef: string;
  engine: StatusEngine;
  store: StatusStore;
  observedSince?: Date;
  from: Date;
}) {
  const { engine, store, observedSince } = options;
  const entity = engine.entity(options.entityRef);
  if (!entity || !observedSince || !entity.pagerDutyServiceIds.length) {
    return undefined;
  }
  const read = await store.getBackfillProgress(entity.pagerDutyAccount);
  if (!read) return undefined;
  const window = {
    from: new Date(Math.max(Date.parse(read.from), options.from.getTime())),
    until: observedSince,
  };
  if (window.from >= window.until) return undefined;
  const incidents = await store.listIncidents(
    entity.pagerDutyServiceIds.map(serviceId => ({
      account: entity.pagerDutyAccount,
      serviceId,
    })),
    // an incident opened the day before may run into the window
    {
      since: new Date(window.from.getTime() - DAY_MS),
      limit: HISTORY_MAX_TRANSITIONS,
    },
  );
  return {
    window,
    incidents: incidents.map(i => ({
      createdAt: i.createdAt,
      resolvedAt: i.resolvedAt,
      level: engine.incidentLevel(i),
    })),
  };
}

/**
 * A System's, Domain's or Group's history from its parts the caller may
 * see ({@link leafMembersOf}): each day as bad as its worst member, availability
 * the members' mean.
 */
export async function describeRollupHistory(
  options: EntityRouteContext,
): Promise<StatusHistory> {
  const { days } = parseQuery(historyQuery, options.query);
  const { entityRef, engine, store, view, now } = options;
  const refs = leafMembersOf(engine, entityRef, view).map(m => m.ref);
  const [histories, observedSince] = await Promise.all([
    store.readHistories(refs, {
      since: startOfWindow(now, days),
      limit: ROLLUP_MAX_TRANSITIONS,
    }),
    store.observedSince(),
  ]);
  const daily = rollupHistory(
    refs.map(ref =>
      dailyHistory({
        transitions: (histories.byEntity.get(ref) ?? []).map(t =>
          asHistoryTransition(t, view),
        ),
        days,
        now,
        observedSince,
      }),
    ),
  );
  return {
    entityRef,
    days: daily,
    availability: availabilities(daily, days),
    members: refs.length,
    observedSince: observedSince?.toISOString(),
    truncated: histories.truncated,
    generatedAt: now.toISOString(),
  };
}

/** One change of a day's timeline, with what explained it as the reader may see it. */
const asDayTransition = (
  t: StatusTransition,
  view: CallerView,
): StatusHistoryTransition => ({
  at: t.at.toISOString(),
  ownFrom: t.ownFrom as HealthLevel | undefined,
  ownTo: t.ownTo as HealthLevel | undefined,
  effectiveFrom: t.effectiveFrom as HealthLevel,
  effectiveTo: t.effectiveTo as HealthLevel,
  signals: reasonOf(t).signals ?? [],
  rootCauses: rootCausesSeenBy(t, view),
});

/** What happened to an entity's levels on one day (UTC), oldest first. */
export async function describeDay(
  options: DayOptions,
): Promise<StatusTransitionsPage> {
  const { day, since, until } = dayWindow(options.query);
  const { entityRef, engine, store, view } = options;
  const [history, changes] = await Promise.all([
    store.readHistory(entityRef, {
      since,
      until,
      limit: DAY_MAX_TRANSITIONS,
    }),
    changesAlongPath({ entityRef, engine, store, view, since, until }),
  ]);
  return {
    entityRef,
    day,
    transitions: history.transitions.map(t => asDayTransition(t, view)),
    truncated: history.truncated || changes.truncated,
    changes: changes.changes,
    hiddenChanges: changes.hiddenChanges,
  };
}

/**
 * The level changes of one day of a System's, Domain's or Group's members
 * the caller may see, oldest first, each naming its member.
 */
export async function describeRollupDay(
  options: DayOptions,
): Promise<StatusTransitionsPage> {
  const { day, since, until } = dayWindow(options.query);
  const { entityRef, engine, store, view } = options;
  const refs = leafMembersOf(engine, entityRef, view).map(m => m.ref);
  const { byEntity, truncated } = await store.readHistories(refs, {
    since,
    limit: ROLLUP_MAX_TRANSITIONS,
  });
  const ofDay = [...byEntity.entries()]
    .flatMap(([ref, transitions]) =>
      transitions
        .filter(
          t =>
            t.at.getTime() >= since.getTime() &&
            t.at.getTime() < until.getTime(),
        )
        .map(t => ({ ref, t })),
    )
    .sort((a, b) => a.t.at.getTime() - b.t.at.getTime());
  return {
    entityRef,
    day,
    transitions: ofDay
      .slice(0, DAY_MAX_TRANSITIONS)
      .map(({ ref, t }) => ({ ...asDayTransition(t, view), entityRef: ref })),
    truncated: truncated || ofDay.length > DAY_MAX_TRANSITIONS,
  };
}

/** Days of history the dashboard's rows may ask for. */
export const MAX_RECENT_DAYS = 14;

/**
 * Each entity's worst level on each of the last `days` days (oldest first;
 * null for a day with no data), for the dashboard's compact history column.
 */
export async function recentLevels(options: {
  entityRefs: string[];
  days: number;
  store: StatusStore;
  now: Date;
}): Promise<Map<string, (HealthLevel | null)[]>> {
  const { entityRefs, days, store, now } = options;
  if (!entityRefs.length) return new Map();
  const [histories, observedSince] = await Promise.all([
    store.readHistories(entityRefs, {
      since: startOfWindow(now, days),
      limit: ROLLUP_MAX_TRANSITIONS,
    }),
    store.observedSince(),
  ]);
  return new Map(
    entityRefs.map(ref => [
      ref,
      dailyHistory({
        transitions: (histories.byEntity.get(ref) ?? []).map(t => ({
          at: t.at.toISOString(),
          ownTo: t.ownTo as HealthLevel | undefined,
          effectiveTo: t.effectiveTo as HealthLevel,
        })),
        days,
        now,
        observedSince,
      }).map(day => (day.observedMs ? day.worst : null)),
    ]),
  );
}
