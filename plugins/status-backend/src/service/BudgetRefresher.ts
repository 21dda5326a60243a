import { LoggerService } from '@backstage/backend-plugin-api';
import {
  budgetSummary,
  countingOf,
  isDowntimeLevel,
  StatusBudgetSummary,
} from '@status-layer/plugin-status-common';
import { BudgetComputed, StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { describeObjective, objectiveOf, ObjectiveRules } from './objectives';

/** Entities whose budget one run computes at most: each reads its history. */
export const DEFAULT_BUDGETS_PER_RUN = 500;
/** A budget some downtime spent is computed again after this long: old days leave its window. */
const SPENT_EVERY_MS = 60 * 60_000;
/** Any budget is computed again after this long: the known time grows. */
const UNSPENT_EVERY_MS = 24 * 60 * 60_000;

/** Sees everything: what is kept is masked for each reader when read. */
const EVERYTHING: CallerView = { has: () => true, admin: true };

/** What one refresh did. */
export type BudgetRefresh = {
  computed: number;
  removed: number;
  /** Due but left for the next run. */
  deferred: number;
};

/**
 * Keeps each entity's error budget summary in the store, so the catalog's
 * column, the dashboard and burn notifications read a page of them instead
 * of every entity's history. A run computes, most urgent first and at most
 * `perRun`: entities never computed, those down now or burning (every run),
 * those that spent budget (hourly: old downtime leaves the window) and the
 * rest (daily). It reads the catalog from the engine's memory and its own
 * list of what it computed, so its cost grows with what is due, not with
 * the store.
 */
export class BudgetRefresher {
  /**
   * A copy of the store's rows (when each budget was computed), read once:
   * only this task writes them, and a replica that takes the task over
   * reads them afresh, so a stale copy only computes a budget early.
   */
  private computed?: Map<string, BudgetComputed>;

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      rules: ObjectiveRules;
      logger: LoggerService;
      perRun?: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<BudgetRefresh> {
    const { engine, store, rules, logger } = this.options;
    const result: BudgetRefresh = { computed: 0, removed: 0, deferred: 0 };
    if (!engine.ready) return result;
    const now = this.options.now?.() ?? new Date();
    this.computed ??= new Map(
      (await store.budgets.listComputed()).map(c => [c.entityRef, c]),
    );
    const known = this.computed;
    const due: { ref: string; urgency: number }[] = [];
    const withObjective = new Set<string>();
    for (const entity of engine.allEntities()) {
      const { objective } = objectiveOf(entity, rules);
      if (!objective) continue;
      withObjective.add(entity.ref);
      const urgency = this.urgencyOf(
        known.get(entity.ref),
        isDowntimeLevel(
          engine.levels(entity.ref).effective,
          countingOf(objective),
        ),
        now,
      );
      if (urgency !== undefined) due.push({ ref: entity.ref, urgency });
    }
    const gone = [...known.keys()].filter(ref => !withObjective.has(ref));
    if (gone.length) {
      await store.budgets.deleteSummaries(gone);
      for (const ref of gone) known.delete(ref);
      result.removed = gone.length;
    }
    due.sort((a, b) => a.urgency - b.urgency || a.ref.localeCompare(b.ref));
    const perRun = this.options.perRun ?? DEFAULT_BUDGETS_PER_RUN;
    const summaries: { entityRef: string; summary: StatusBudgetSummary }[] = [];
    for (const { ref } of due.slice(0, perRun)) {
      try {
        const report = await describeObjective(
          { entityRef: ref, view: EVERYTHING, engine, store, query: {}, now },
          rules,
        );
        const summary = budgetSummary(report);
        if (summary) summaries.push({ entityRef: ref, summary });
      } catch (error) {
        // one entity's history failing to read holds up no other
        logger.warn(`Could not compute the error budget of ${ref}: ${error}`);
      }
    }
    await store.budgets.saveSummaries(summaries);
    for (const { entityRef, summary } of summaries)
      known.set(entityRef, {
        entityRef,
        computedAt: now,
        spent: summary.ownUsed + summary.inheritedUsed > 0,
        burning: !!summary.burning,
      });
    result.computed = summaries.length;
    result.deferred = Math.max(0, due.length - perRun);
    return result;
  }

  /** 0 most urgent; undefined when not due. */
  private urgencyOf(
    computed: BudgetComputed | undefined,
    down: boolean,
    now: Date,
  ): number | undefined {
    if (!computed) return down ? 0 : 1;
    if (down || computed.burning) return 2;
    const age = now.getTime() - computed.computedAt.getTime();
    if (computed.spent && age >= SPENT_EVERY_MS) return 3;
    if (age >= UNSPENT_EVERY_MS) return 4;
    return undefined;
  }
}
