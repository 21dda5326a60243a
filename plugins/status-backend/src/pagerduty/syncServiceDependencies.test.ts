import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  readCatalogSeed,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import path from 'node:path';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from '../database';
import { DatabaseServiceDependencyStore } from '../database/DatabaseServiceDependencyStore';
import { RequestCounter } from './PagerDutyClient';
import { PagerDutyRestClient } from './PagerDutyRestClient';
import { PagerDutySync } from './PagerDutySync';
import { SyncContext } from './syncContext';
import { syncServiceDependencies } from './syncServiceDependencies';

jest.setTimeout(60_000);

const DEMO = path.resolve(__dirname, '../../../../examples/catalog.yaml');

describe("PagerDuty's service graph, read per service", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;

    afterEach(() => sim?.close());

    async function setUp(options: { business?: boolean } = {}) {
      const demo = readCatalogSeed(DEMO);
      sim = await startPagerDutySimulator({
        seed: 11,
        historyDays: 0,
        catalog: options.business
          ? {
              ...demo,
              businessServices: [
                {
                  name: 'Online shop',
                  supportedBy: ['shop-web', 'checkout-api'],
                },
              ],
            }
          : demo,
      });
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseStatusStore.create({ database });
      const graph = await DatabaseServiceDependencyStore.create({ database });
      const logger = mockServices.logger.mock();
      const client = new PagerDutyRestClient({
        apiBaseUrl: sim.url,
        apiToken: 'simulator-token',
        logger,
        maxRetries: 1,
        backoffMs: 10,
      });
      const context = (budget: number, at = new Date()): SyncContext => ({
        account: 'default',
        client,
        store,
        logger,
        request: { budget: new RequestCounter(budget) },
        now: () => at,
      });
      return { knex, store, graph, client, logger, context };
    }
    const setFaults = (faults: object) =>
      fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });
    const idOf = (name: string) => sim.state.service(name).id;

    it('reads a bounded number of services per sync, least recently read first, until every one is read', async () => {
      const { knex, store, graph, client, logger } = await setUp();
      const sync = new PagerDutySync({
        account: 'default',
        client,
        store,
        logger,
        dependencies: { store: graph, readsPerSync: 10 },
      });
      const all = sim.state.services.size;
      const readSoFar = async () =>
        new Set(
          (
            await knex('status_service_dependency_reads').select('service_id')
          ).map(r => r.service_id),
        );
      let previous = new Set<string>();
      for (let i = 0; i < Math.ceil(all / 10); i++) {
        const before = sim.requestCount;
        const result = await sync.syncOnce();
        expect(result.parts.find(p => p.part === 'dependencies')).toEqual({
          part: 'dependencies',
          ok: true,
        });
        expect(result.dependencyReads).toBe(Math.min(10, all - 10 * i));
        expect(sim.requestCount - before).toBe(result.requests);
        expect(result.requests).toBeLessThanOrEqual(500);
        // never read first: ten more each sync until every service is read
        const now = await readSoFar();
        expect(now.size).toBe(Math.min(all, 10 * (i + 1)));
        expect([...previous].every(id => now.has(id))).toBe(true);
        previous = now;
      }
      // every service read lately: nothing is due, nothing is requested
      const settled = await sync.syncOnce();
      expect(settled.dependencyReads).toBe(0);
      expect(sim.operationsRequested).toContain('GET /business_services');
      const edges = (await graph.list('default')).map(e => [
        e.dependentId,
        e.supportingId,
        e.kind,
      ]);
      // the one the catalog never recorded, and one it did
      expect(edges).toContainEqual([
        idOf('order-service'),
        idOf('inventory-api'),
        'technical',
      ]);
      expect(edges).toContainEqual([
        idOf('checkout-api'),
        idOf('order-service'),
        'technical',
      ]);
      expect(edges).toHaveLength(sim.state.serviceDependencies.length);
    });

    it('keeps what it read when the budget runs out, and resumes after it at the next sync', async () => {
      const { graph, context } = await setUp();
      const services = [...sim.state.services.values()].map(s => ({
        account: 'default',
        id: s.id,
        name: s.name,
        teams: [],
        syncedAt: new Date(),
      }));
      // the business list, then three services, then the budget is spent
      await expect(
        syncServiceDependencies(context(4), services, graph, 10),
      ).rejects.toThrow(/budget of 4/);
      const ids = services.map(s => s.id);
      const firstThree = ids.slice(0, 3);
      const next = await graph.leastRecentlyRead('default', ids, ids.length);
      expect(next.slice(-3)).toEqual(firstThree);

      const before = sim.requestCount;
      // business services were listed a moment ago: not again
      expect(
        await syncServiceDependencies(context(100), services, graph, 5),
      ).toEqual({ read: 5, listedBusinessServices: false });
      expect(sim.requestCount - before).toBe(5);
      expect(sim.operationsRequested).toContain(
        'GET /service_dependencies/technical_services/{id}',
      );
      expect(sim.refusedRequests).toEqual([]);
      const after = await graph.leastRecentlyRead('default', ids, ids.length);
      expect(after.slice(0, ids.length - 8)).not.toContain(firstThree[0]);
      expect(after.slice(-5)).toEqual(ids.slice(3, 8));
    });

    it('reads business services and their dependencies when the account has them', async () => {
      const { graph, context } = await setUp({ business: true });
      const services = [...sim.state.services.values()].map(s => ({
        account: 'default',
        id: s.id,
        name: s.name,
        teams: [],
        syncedAt: new Date(),
      }));
      const [shop] = [...sim.state.businessServices.values()];
      await syncServiceDependencies(context(500), services, graph, 100);
      expect(sim.operationsRequested).toContain(
        'GET /service_dependencies/business_services/{id}',
      );
      expect(
        (await graph.list('default'))
          .filter(e => e.kind === 'business')
          .map(e => [e.dependentId, e.supportingId]),
      ).toEqual(
        expect.arrayContaining([
          [shop.id, idOf('shop-web')],
          [shop.id, idOf('checkout-api')],
        ]),
      );
    });

    it('takes a 403 or 404 on business services as an account without them, not a failure', async () => {
      const { graph, context } = await setUp({ business: true });
      const services = [...sim.state.services.values()].map(s => ({
        account: 'default',
        id: s.id,
        name: s.name,
        teams: [],
        syncedAt: new Date(),
      }));
      await syncServiceDependencies(context(500), services, graph, 100);
      let later = Date.now();
      for (const status of [403, 404]) {
        await setFaults({
          endpoints: { '/business_services': { mode: 'error', status } },
        });
        // hours later: listed again, and every service due again
        later += 7 * 3_600_000;
        expect(
          await syncServiceDependencies(
            context(500, new Date(later)),
            services,
            graph,
            5,
          ),
        ).toEqual({ read: 5, listedBusinessServices: true });
        // what was known of business services is forgotten with them
        expect(
          (await graph.list('default')).filter(e => e.kind === 'business'),
        ).toEqual([]);
      }
      await setFaults({
        endpoints: { '/business_services': { mode: 'error', status: 500 } },
      });
      await expect(
        syncServiceDependencies(
          context(500, new Date(later + 7 * 3_600_000)),
          services,
          graph,
          5,
        ),
      ).rejects.toThrow(/500/);
    });
  });
});
