import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseServiceMappingStore } from './DatabaseServiceMappingStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@status-layer/plugin-status-backend',
  'migrations',
);

// a fixed instant, not the clock: what is stored is what is read back
const AT = new Date('2026-12-07T09:30:00.000Z');

describe('DatabaseServiceMappingStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseServiceMappingStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('stores, replaces, reads and removes one mapping per entity, whatever the case of its ref', async () => {
      const { store } = await createStore();
      expect(await store.list()).toEqual([]);
      await store.set({
        entityRef: 'component:default/Checkout',
        account: 'default',
        serviceId: 'PCHECK1',
        createdBy: 'user:default/ada',
        createdAt: AT,
      });
      await store.set({
        entityRef: 'component:default/cart',
        account: 'eu',
        serviceId: 'PCART01',
        createdBy: 'user:default/ada',
        createdAt: AT,
      });
      expect(await store.get('component:default/checkout')).toEqual({
        entityRef: 'component:default/checkout',
        account: 'default',
        serviceId: 'PCHECK1',
        createdBy: 'user:default/ada',
        createdAt: AT,
      });

      // mapping again replaces, and says who did it last
      const later = new Date(AT.getTime() + 60_000);
      await store.set({
        entityRef: 'COMPONENT:default/checkout',
        account: 'default',
        serviceId: 'PCHECK2',
        createdBy: 'user:default/sam',
        createdAt: later,
      });
      expect(
        (await store.list()).map(m => [m.entityRef, m.serviceId, m.createdBy]),
      ).toEqual([
        ['component:default/cart', 'PCART01', 'user:default/ada'],
        ['component:default/checkout', 'PCHECK2', 'user:default/sam'],
      ]);
      expect(
        (await store.get('component:default/checkout'))?.createdAt,
      ).toEqual(later);

      expect(await store.remove('component:default/CHECKOUT')).toBe(true);
      expect(await store.remove('component:default/checkout')).toBe(false);
      expect(await store.get('component:default/checkout')).toBeUndefined();
      expect((await store.list()).map(m => m.entityRef)).toEqual([
        'component:default/cart',
      ]);
    });

    it('steps its migration down and up around a seeded row', async () => {
      const { knex } = await createStore();
      await knex('status_service_mappings').insert({
        entity_ref: 'component:default/checkout',
        account: 'default',
        service_id: 'PCHECK1',
        created_by: 'user:default/ada',
        created_at: AT,
      });
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261207000000_service_mappings.js',
      });
      expect(await knex.schema.hasTable('status_service_mappings')).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('status_service_mappings')).toBe(true);
      const [{ n }] = await knex('status_service_mappings').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  });
});
