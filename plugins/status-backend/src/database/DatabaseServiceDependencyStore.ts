import { DatabaseService } from '@backstage/backend-plugin-api';
import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';
import { batches } from './batches';
import { bumpVersion } from './metaRows';

/** `technical` between two technical services; `business` with a business service at one end. */
export type ServiceDependencyKind = 'technical' | 'business';

/** One edge of PagerDuty's service graph: `dependentId` needs `supportingId`. */
export type StoredServiceDependency = {
  account: string;
  dependentId: string;
  supportingId: string;
  kind: ServiceDependencyKind;
  /** When the read that found it happened. */
  readAt: Date;
};

/** One edge of a service's dependencies as PagerDuty answers them. */
export type ServiceDependencyEdge = Omit<
  StoredServiceDependency,
  'account' | 'readAt'
>;

/**
 * PagerDuty's service graph as read, service by service, and when each
 * service was last read.
 *
 * @public
 */
export interface ServiceDependencyStore {
  /**
   * Replaces what is known of one service's dependencies (every edge with
   * the service at either end, as PagerDuty answers them) and records the
   * read.
   */
  replaceFor(
    account: string,
    service: { id: string; kind: ServiceDependencyKind },
    edges: ServiceDependencyEdge[],
    at: Date,
  ): Promise<void>;
  /**
   * Of `ids`, the `limit` whose dependencies were read longest ago, those
   * never read first (then in the order given); with `readBefore`, only
   * those never read or last read before it.
   */
  leastRecentlyRead(
    account: string,
    ids: string[],
    limit: number,
    readBefore?: Date,
  ): Promise<string[]>;
  /**
   * Forgets the services of a kind that the account no longer has, and every
   * edge they are an end of; returns how many services went.
   */
  keepOnly(
    account: string,
    kind: ServiceDependencyKind,
    ids: string[],
  ): Promise<number>;
  /** Every edge, of one account or all. */
  list(account?: string): Promise<StoredServiceDependency[]>;
  /**
   * A token that changes whenever the edges or the services read change
   * (not when a read finds what was known): undefined before any change.
   */
  version(): Promise<string | undefined>;
  /** The services whose dependencies have been read, of one account or all. */
  listRead(
    account?: string,
  ): Promise<
    { account: string; serviceId: string; kind: ServiceDependencyKind }[]
  >;
}

/** The status_meta row whose token changes with PagerDuty's graph as stored. */
const DEPENDENCIES_VERSION_KEY = 'pagerduty-dependencies-version';

// Rows per insert (5 values each) and ids per IN list: under SQLite's limits.
const CHUNK = 100;
const IDS_PER_QUERY = 500;

/**
 * {@link ServiceDependencyStore} on the plugin's database (PostgreSQL or
 * SQLite).
 *
 * @internal
 */
export class DatabaseServiceDependencyStore implements ServiceDependencyStore {
  /** Runs the plugin's migrations unless the database says to skip them, as the status store does. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseServiceDependencyStore> {
    return new DatabaseServiceDependencyStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async replaceFor(
    account: string,
    service: { id: string; kind: ServiceDependencyKind },
    edges: ServiceDependencyEdge[],
    at: Date,
  ): Promise<void> {
    const rows = [
      ...new Map(
        edges
          .filter(e => e.dependentId !== e.supportingId)
          .map(e => [
            `${e.dependentId}\u0000${e.supportingId}`,
            {
              account,
              dependent_id: e.dependentId,
              supporting_id: e.supportingId,
              kind: e.kind,
              read_at: at,
            },
          ]),
      ).values(),
    ];
    await this.db.transaction(async tx => {
      const ofService = () =>
        tx('status_service_dependencies')
          .where({ account })
          .where(q =>
            q
              .where('dependent_id', service.id)
              .orWhere('supporting_id', service.id),
          );
      const known = await ofService().select(
        'dependent_id',
        'supporting_id',
        'kind',
      );
      const readBefore = await tx('status_service_dependency_reads')
        .where({ account, service_id: service.id })
        .first('kind');
      const edgeKeys = (list: Record<string, unknown>[]) =>
        list
          .map(r => `${r.dependent_id}\u0000${r.supporting_id}\u0000${r.kind}`)
          .sort()
          .join('\n');
      if (
        readBefore?.kind !== service.kind ||
        edgeKeys(known) !== edgeKeys(rows)
      )
        await bumpVersion(tx, DEPENDENCIES_VERSION_KEY);
      await ofService().delete();
      for (const chunk of batches(rows, CHUNK)) {
        await tx('status_service_dependencies')
          .insert(chunk)
          .onConflict(['account', 'dependent_id', 'supporting_id'])
          .merge(['kind', 'read_at']);
      }
      await tx('status_service_dependency_reads')
        .insert({
          account,
          service_id: service.id,
          kind: service.kind,
          read_at: at,
        })
        .onConflict(['account', 'service_id'])
        .merge(['kind', 'read_at']);
    });
  }

  async leastRecentlyRead(
    account: string,
    ids: string[],
    limit: number,
    readBefore?: Date,
  ): Promise<string[]> {
    const readAt = new Map<string, number>();
    const unique = [...new Set(ids)];
    for (const chunk of batches(unique, IDS_PER_QUERY)) {
      const rows = await this.db('status_service_dependency_reads')
        .where({ account })
        .whereIn('service_id', chunk)
        .select('service_id', 'read_at');
      for (const row of rows) {
        readAt.set(row.service_id, toDate(row.read_at)!.getTime());
      }
    }
    const order = new Map(unique.map((id, index) => [id, index]));
    const due = (id: string) =>
      !readBefore || (readAt.get(id) ?? -Infinity) < readBefore.getTime();
    return unique
      .filter(due)
      .sort(
        (a, b) =>
          (readAt.get(a) ?? -Infinity) - (readAt.get(b) ?? -Infinity) ||
          order.get(a)! - order.get(b)!,
      )
      .slice(0, Math.max(0, limit));
  }

  async keepOnly(
    account: string,
    kind: ServiceDependencyKind,
    ids: string[],
  ): Promise<number> {
    const keep = new Set(ids);
    const gone = (
      await this.db('status_service_dependency_reads')
        .where({ account, kind })
        .select('service_id')
    )
      .map(row => row.service_id as string)
      .filter(id => !keep.has(id));
    if (gone.length === 0) return 0;
    await this.db.transaction(async tx => {
      await bumpVersion(tx, DEPENDENCIES_VERSION_KEY);
      for (const chunk of batches(gone, IDS_PER_QUERY)) {
        await tx('status_service_dependency_reads')
          .where({ account })
          .whereIn('service_id', chunk)
          .delete();
        await tx('status_service_dependencies')
          .where({ account })
          .where(q =>
            q.whereIn('dependent_id', chunk).orWhereIn('supporting_id', chunk),
          )
          .delete();
      }
    });
    return gone.length;
  }

  async version(): Promise<string | undefined> {
    const row = await this.db('status_meta')
      .where({ key: DEPENDENCIES_VERSION_KEY })
      .first('value');
    return row?.value;
  }

  async listRead(
    account?: string,
  ): Promise<
    { account: string; serviceId: string; kind: ServiceDependencyKind }[]
  > {
    const rows = await this.db('status_service_dependency_reads')
      .where(q => {
        if (account !== undefined) q.where({ account });
      })
      .orderBy(['account', 'service_id'])
      .select('account', 'service_id', 'kind');
    return rows.map(row => ({
      account: row.account,
      serviceId: row.service_id,
      kind: row.kind,
    }));
  }

  async list(account?: string): Promise<StoredServiceDependency[]> {
    const rows = await this.db('status_service_dependencies')
      .where(q => {
        if (account !== undefined) q.where({ account });
      })
      .orderBy(['account', 'dependent_id', 'supporting_id']);
    return rows.map(row => ({
      account: row.account,
      dependentId: row.dependent_id,
      supportingId: row.supporting_id,
      kind: row.kind,
      readAt: toDate(row.read_at)!,
    }));
  }
}
