import {
  StatusBudgetSummary,
  toDate,
} from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';

/** A fast burn of an entity's error budget, told to its owners once. */
export type StoredBudgetEpisode = {
  entityRef: string;
  cause: 'own' | 'inherited';
  startedAt: Date;
  /** When the owners were told; absent until a send succeeded. */
  notifiedAt?: Date;
  /** Owners told without names, never served yet: told again by name once served. */
  toldUnserved?: string[];
};

/** When an entity's budget was last computed, and what a refresh needs to know of it. */
export type BudgetComputed = {
  entityRef: string;
  computedAt: Date;
  /** Some budget was spent in the window. */
  spent: boolean;
  burning: boolean;
};

/**
 * Error budgets kept per entity and the burn episodes told of.
 *
 * @public
 */
export interface BudgetStore {
  /** Stores summaries; one already stored is replaced. */
  saveSummaries(
    summaries: { entityRef: string; summary: StatusBudgetSummary }[],
  ): Promise<void>;
  /** Deletes the summaries of entities that no longer have an objective. */
  deleteSummaries(entityRefs: string[]): Promise<void>;
  /** The summaries of these entities (a page of them). */
  summariesOf(entityRefs: string[]): Promise<Map<string, StatusBudgetSummary>>;
  /** When every summary was computed: read once by the task that refreshes them. */
  listComputed(): Promise<BudgetComputed[]>;
  /** The summaries whose budget burns fast. */
  listBurning(): Promise<Map<string, StatusBudgetSummary>>;
  listEpisodes(): Promise<StoredBudgetEpisode[]>;
  saveEpisode(episode: StoredBudgetEpisode): Promise<void>;
  deleteEpisode(entityRef: string): Promise<void>;
}

// Rows per insert: each row binds 4 values.
const CHUNK = 200;
// Refs per read.
const REFS_PER_READ = 500;

const parse = (text: string) => JSON.parse(text) as StatusBudgetSummary;

/** {@link BudgetStore} on the plugin's database. */
export class DatabaseBudgetStore implements BudgetStore {
  constructor(private readonly db: Knex) {}

  async saveSummaries(
    summaries: { entityRef: string; summary: StatusBudgetSummary }[],
  ): Promise<void> {
    const rows = summaries.map(({ entityRef, summary }) => ({
      entity_ref: entityRef,
      summary: JSON.stringify(summary),
      burning: summary.burning ?? null,
      computed_at: new Date(summary.computedAt),
    }));
    await this.db.transaction(async tx => {
      for (const chunk of batches(rows, CHUNK))
        await tx('status_objective_budgets')
          .insert(chunk)
          .onConflict('entity_ref')
          .merge(['summary', 'burning', 'computed_at']);
    });
  }

  async deleteSummaries(entityRefs: string[]): Promise<void> {
    for (const chunk of batches(entityRefs, REFS_PER_READ))
      await this.db('status_objective_budgets')
        .whereIn('entity_ref', chunk)
        .delete();
  }

  async summariesOf(
    entityRefs: string[],
  ): Promise<Map<string, StatusBudgetSummary>> {
    const found = new Map<string, StatusBudgetSummary>();
    for (const chunk of batches([...new Set(entityRefs)], REFS_PER_READ))
      for (const row of await this.db('status_objective_budgets')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'summary'))
        found.set(row.entity_ref, parse(row.summary));
    return found;
  }

  async listComputed(): Promise<BudgetComputed[]> {
    const rows = await this.db('status_objective_budgets').select(
      'entity_ref',
      'summary',
      'burning',
      'computed_at',
    );
    return rows.map(row => {
      const summary = parse(row.summary);
      return {
        entityRef: row.entity_ref,
        computedAt: toDate(row.computed_at)!,
        spent: summary.ownUsed + summary.inheritedUsed > 0,
        burning: !!row.burning,
      };
    });
  }

  async listBurning(): Promise<Map<string, StatusBudgetSummary>> {
    const rows = await this.db('status_objective_budgets')
      .whereNotNull('burning')
      .select('entity_ref', 'summary');
    return new Map(rows.map(row => [row.entity_ref, parse(row.summary)]));
  }

  async listEpisodes(): Promise<StoredBudgetEpisode[]> {
    const rows = await this.db('status_budget_episodes').select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      cause: row.cause,
      startedAt: toDate(row.started_at)!,
      ...(row.notified_at ? { notifiedAt: toDate(row.notified_at)! } : {}),
      ...(row.told_unserved
        ? { toldUnserved: JSON.parse(row.told_unserved) as string[] }
        : {}),
    }));
  }

  async saveEpisode(episode: StoredBudgetEpisode): Promise<void> {
    await this.db('status_budget_episodes')
      .insert({
        entity_ref: episode.entityRef,
        cause: episode.cause,
        started_at: episode.startedAt,
        notified_at: episode.notifiedAt ?? null,
        told_unserved: episode.toldUnserved?.length
          ? JSON.stringify(episode.toldUnserved)
          : null,
      })
      .onConflict('entity_ref')
      .merge(['cause', 'started_at', 'notified_at', 'told_unserved']);
  }

  async deleteEpisode(entityRef: string): Promise<void> {
    await this.db('status_budget_episodes')
      .where({ entity_ref: entityRef })
      .delete();
  }
}
