import {
  budgetSummaryFor,
  StatusBudgetSummary,
  StatusSummaryRow,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { CallerView } from './CallerAccess';

/**
 * The error budgets kept for a page of entities, as the caller may read
 * them: an upstream they may not see is `hidden`. One read per page.
 */
export async function keptBudgetsFor(
  store: StatusStore,
  view: CallerView,
  entityRefs: string[],
): Promise<Map<string, StatusBudgetSummary>> {
  const kept = await store.budgets.summariesOf(entityRefs);
  return new Map(
    [...kept].map(([ref, summary]) => [
      ref,
      budgetSummaryFor(summary, r => view.has(r)),
    ]),
  );
}

/** The dashboard's rows with each entity's budget (the "budget left" column). */
export async function withBudgets(
  store: StatusStore,
  view: CallerView,
  rows: StatusSummaryRow[],
): Promise<StatusSummaryRow[]> {
  const budgets = await keptBudgetsFor(
    store,
    view,
    rows.flatMap(r => (r.type === 'entity' ? [r.entity.entityRef] : [])),
  );
  return rows.map(r => {
    const budget = r.type === 'entity' && budgets.get(r.entity.entityRef);
    return budget ? { ...r, entity: { ...r.entity, budget } } : r;
  });
}
