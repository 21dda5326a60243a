import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseServiceDependencyStore } from './DatabaseServiceDependencyStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@status-layer/plugin-status-backend',
  'migrations',
);
const T0 = new Date(Date.UTC(2026, 0, 5, 9));
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const edge = (dependentId: string, supportingId: string) => ({
  dependentId,
  supportingId,
  kind: 'technical' as const,
});

describe('DatabaseServiceDependencyStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const createStore = async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseServiceDependencyStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    };

    it("replaces what one service's read says, both ways, and keeps accounts apart", async () => {
      const { store } = await createStore();
      await store.replaceFor(
        'default',
        { id: 'PORDER1', kind: 'technical' },
        [
          edge('PORDER1', 'PDB0001'),
          edge('PORDER1', 'PSTOCK1'),
          edge('PSHOP01', 'PORDER1'),
        ],
        at(0),
      );
      await store.replaceFor(
        'other',
        { id: 'PORDER1', kind: 'technical' },
        [edge('PORDER1', 'PX00001')],
        at(0),
      );
      // a later read of the stock service no longer has the order service needing it
      await store.replaceFor(
        'default',
        { id: 'PSTOCK1', kind: 'technical' },
        [edge('PSTOCK1', 'PDB0001'), edge('PSTOCK1', 'PSTOCK1')],
        at(5),
      );
      expect(
        (await store.list('default')).map(e => [
          e.dependentId,
          e.supportingId,
          e.readAt,
        ]),
      ).toEqual([
        ['PORDER1', 'PDB0001', at(0)],
        ['PSHOP01', 'PORDER1', at(0)],
        ['PSTOCK1', 'PDB0001', at(5)],
      ]);
      expect((await store.list()).map(e => e.account)).toContain('other');
    });

    it('names the services read longest ago, never read first, and forgets services that went', async () => {
      const { store } = await createStore();
      await store.replaceFor(
        'default',
        { id: 'PA', kind: 'technical' },
        [edge('PA', 'PB')],
        at(2),
      );
      await store.replaceFor(
        'default',
        { id: 'PB', kind: 'technical' },
        [edge('PA', 'PB')],
        at(1),
      );
      await store.replaceFor(
        'default',
        { id: 'BIZ1', kind: 'business' },
        [{ dependentId: 'BIZ1', supportingId: 'PA', kind: 'business' }],
        at(3),
      );
      expect(
        await store.leastRecentlyRead('default', ['PA', 'PB', 'PC', 'PD'], 3),
      ).toEqual(['PC', 'PD', 'PB']);
      expect(await store.leastRecentlyRead('other', ['PA'], 0)).toEqual([]);
      // due: never read, or read before a time
      expect(
        await store.leastRecentlyRead('default', ['PA', 'PB', 'PC'], 3, at(2)),
      ).toEqual(['PC', 'PB']);

      expect((await store.listRead('default')).map(r => r.serviceId)).toEqual([
        'BIZ1',
        'PA',
        'PB',
      ]);
      expect(await store.keepOnly('default', 'technical', ['PB'])).toBe(1);
      expect(await store.list('default')).toEqual([]);
      expect(await store.leastRecentlyRead('default', ['PA', 'PB'], 2)).toEqual(
        ['PA', 'PB'],
      );
      expect(await store.keepOnly('default', 'business', [])).toBe(1);
    });

    it('steps its migration down and up around a seeded row', async () => {
      const { knex, store } = await createStore();
      await store.replaceFor(
        'default',
        { id: 'PA', kind: 'technical' },
        [edge('PA', 'PB')],
        at(0),
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261207010000_service_dependencies.js',
      });
      expect(await knex.schema.hasTable('status_service_dependencies')).toBe(
        false,
      );
      expect(
        await knex.schema.hasTable('status_service_dependency_reads'),
      ).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await store.list()).toEqual([]);
    });
  });
});
