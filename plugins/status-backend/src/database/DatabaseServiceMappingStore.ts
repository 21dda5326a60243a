import { DatabaseService } from '@backstage/backend-plugin-api';
import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';

/** A PagerDuty service mapped to an entity in the portal, as stored. */
export type StoredServiceMapping = {
  /** Full entity ref; stored and compared lower-cased. */
  entityRef: string;
  account: string;
  serviceId: string;
  createdBy: string;
  createdAt: Date;
};

/**
 * PagerDuty services mapped to catalog entities in the portal, one per
 * entity.
 *
 * @public
 */
export interface ServiceMappingStore {
  /** Every mapping, by entity ref. */
  list(): Promise<StoredServiceMapping[]>;
  /** The mapping of one entity (any case), if any. */
  get(entityRef: string): Promise<StoredServiceMapping | undefined>;
  /** Maps a service to an entity, replacing the entity's mapping if it had one. */
  set(mapping: StoredServiceMapping): Promise<void>;
  /** Removes an entity's mapping; whether there was one. */
  remove(entityRef: string): Promise<boolean>;
}

const TABLE = 'status_service_mappings';

type Row = {
  entity_ref: string;
  account: string;
  service_id: string;
  created_by: string;
  created_at: Date | string | number;
};

/** Entity refs are compared without regard to case, as the catalog does. */
const keyOf = (entityRef: string) => entityRef.toLocaleLowerCase('en-US');

const fromRow = (row: Row): StoredServiceMapping => ({
  entityRef: row.entity_ref,
  account: row.account,
  serviceId: row.service_id,
  createdBy: row.created_by,
  createdAt: toDate(row.created_at) ?? new Date(0),
});

/** {@link ServiceMappingStore} on the status plugin's database. */
export class DatabaseServiceMappingStore implements ServiceMappingStore {
  private constructor(private readonly db: Knex) {}

  /** Opens the store, bringing the schema up to date unless migrations are skipped. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseServiceMappingStore> {
    return new DatabaseServiceMappingStore(
      await migratedClient(options.database),
    );
  }

  async list(): Promise<StoredServiceMapping[]> {
    const rows: Row[] = await this.db(TABLE).select().orderBy('entity_ref');
    return rows.map(fromRow);
  }

  async get(entityRef: string): Promise<StoredServiceMapping | undefined> {
    const row: Row | undefined = await this.db(TABLE)
      .where('entity_ref', keyOf(entityRef))
      .first();
    return row && fromRow(row);
  }

  async set(mapping: StoredServiceMapping): Promise<void> {
    await this.db(TABLE)
      .insert({
        entity_ref: keyOf(mapping.entityRef),
        account: mapping.account,
        service_id: mapping.serviceId,
        created_by: mapping.createdBy,
        created_at: mapping.createdAt,
      })
      .onConflict('entity_ref')
      .merge(['account', 'service_id', 'created_by', 'created_at']);
  }

  async remove(entityRef: string): Promise<boolean> {
    const deleted = await this.db(TABLE)
      .where('entity_ref', keyOf(entityRef))
      .delete();
    return deleted > 0;
  }
}
