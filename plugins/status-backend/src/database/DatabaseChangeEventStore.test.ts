import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from './DatabaseStatusStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;

describe('DatabaseChangeEventStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads the changes of some services newest first, updated in place, within a limit, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const now = Date.now();
      const change = (
        account: string,
        id: string,
        serviceIds: string[],
        minutesAgo: number,
        summary = `Deployed ${id}`,
      ) => ({
        account,
        id,
        serviceIds,
        at: new Date(now - minutesAgo * MINUTE),
        summary,
        source: 'pipeline',
        links: [{ href: `https://ci.example.com/${id}`, text: id }],
      });
      await store.changeEvents.upsert([
        change('default', 'A', ['PAUTH01'], 30),
        change('default', 'B', ['PAUTH01', 'PCART01'], 10),
        change('default', 'C', ['PVIDEO1'], 5),
        change('other', 'D', ['PAUTH01'], 1),
        change('default', 'OLD', ['PAUTH01'], 60 * 25),
      ]);
      // PagerDuty lets a change be updated: the latest read wins
      await store.changeEvents.upsert([
        change('default', 'A', ['PAUTH01'], 30, 'Deployed A (rolled back)'),
      ]);

      const since = new Date(now - 24 * 60 * MINUTE);
      const found = await store.changeEvents.listForServices(
        [
          { account: 'default', serviceId: 'PAUTH01' },
          { account: 'default', serviceId: 'PCART01' },
          { account: 'other', serviceId: 'PAUTH01' },
        ],
        since,
        10,
      );
      expect(found.map(e => [e.account, e.id, e.serviceId])).toEqual([
        ['other', 'D', 'PAUTH01'],
        ['default', 'B', 'PAUTH01'],
        ['default', 'B', 'PCART01'],
        ['default', 'A', 'PAUTH01'],
      ]);
      expect(found[3]).toMatchObject({
        summary: 'Deployed A (rolled back)',
        source: 'pipeline',
        links: [{ href: 'https://ci.example.com/A', text: 'A' }],
      });
      expect(found[3].at.getTime()).toBe(now - 30 * MINUTE);

      const limited = await store.changeEvents.listForServices(
        [{ account: 'default', serviceId: 'PAUTH01' }],
        since,
        1,
      );
      expect(limited.map(e => e.id)).toEqual(['B']);
      expect(await store.changeEvents.listForServices([], since, 10)).toEqual(
        [],
      );
    },
  );
});
