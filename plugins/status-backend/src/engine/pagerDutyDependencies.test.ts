import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, entities, group } from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { describeEntityStatus } from '../service/entityStatus';
import { readPagerDutyDependenciesMode } from './pagerDutyDependencies';

jest.setTimeout(60_000);

const CART = 'component:default/cart-api';
const STOCK = 'component:default/stock-api';
// stock-api: a PagerDuty service whose dependent cart-api never lists it
const withStock = [...entities, component('stock-api', 'shop', 'PSTOCK0', [])];

function startSimulator() {
  const serviceOf = (name: string) => ({
    serviceId: withStock.find(e => e.metadata.name === name)!.metadata
      .annotations!['pagerduty.com/service-id'],
    entityName: name,
    description: '',
    ownerGroup: 'shop',
  });
  return startPagerDutySimulator({
    seed: 43,
    historyDays: 0,
    catalog: {
      services: [
        'auth-service',
        'membership-api',
        'cart-api',
        'shop-web',
        'stock-api',
      ].map(serviceOf),
      groups: [{ name: 'shop', title: 'Shop', members: [] }],
      dependencies: [
        { dependent: 'cart-api', supporting: 'membership-api' },
        { dependent: 'cart-api', supporting: 'stock-api' },
      ],
    },
  });
}

describe('readPagerDutyDependenciesMode', () => {
  it('is suggest by default, and refuses what it does not know', () => {
    const read = (value?: string) =>
      readPagerDutyDependenciesMode(
        new ConfigReader({
          status: value ? { graph: { pagerDutyDependencies: value } } : {},
        }),
      );
    expect(read()).toBe('suggest');
    expect(read('use')).toBe('use');
    expect(read('off')).toBe('off');
    expect(() => read('always')).toThrow(
      'status.graph.pagerDutyDependencies must be one of suggest, use, off, not always',
    );
  });
});

describe("PagerDuty's service graph in the engine", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startSimulator();
      sim.state.trigger({
        service: 'PSTOCK0',
        title: 'Stock levels unavailable',
        urgency: 'high',
        priority: 'P1',
      });
    });
    afterEach(() => sim.close());

    async function engineWith(mode?: string) {
      const { store, sync, makeEngine } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        entities: [...withStock, group('platform')],
        config: mode ? { graph: { pagerDutyDependencies: mode } } : {},
      });
      const result = await sync.syncOnce();
      const engine = await makeEngine();
      await engine.refreshCatalog();
      const describe = (ref: string) =>
        describeEntityStatus({
          ref,
          engine,
          store,
          view: callerView(
            withStock.map(e => stringifyEntityRef(e)),
            true,
          ),
          liveChannel: 'status:test',
        });
      return { engine, describe, result };
    }

    it('suggests by default: the edge is listed, no level changes', async () => {
      const { engine, describe, result } = await engineWith();
      expect(result.dependencyReads).toBe(5);
      expect(await engine.dependencyDifferences()).toEqual({
        mode: 'suggest',
        pagerDutyOnly: [{ dependent: CART, upstream: STOCK }],
        catalogOnly: [
          // the catalog's, between services PagerDuty has read
          {
            dependent: 'component:default/membership-api',
            upstream: 'component:default/auth-service',
          },
          {
            dependent: 'component:default/shop-web',
            upstream: CART,
          },
        ],
      });
      expect(engine.levels(STOCK).effective).toBe('major_outage');
      const cart = await describe(CART);
      expect(cart.levels.effective).toBe('operational');
      expect(cart.rootCauses).toEqual([]);
    });

    it('with use, impact passes over the edge and the path says it is known from PagerDuty', async () => {
      const { engine, describe } = await engineWith('use');
      expect((await engine.dependencyDifferences()).mode).toBe('use');
      const cart = await describe(CART);
      expect(cart.levels).toEqual({
        own: 'operational',
        inherited: 'degraded',
        effective: 'degraded',
      });
      expect(cart.rootCauses).toEqual([
        expect.objectContaining({
          entityRef: STOCK,
          path: [CART, STOCK],
          pagerDutyHops: [0],
        }),
      ]);
    });

    it('with off, reads nothing from the graph', async () => {
      const before = sim.operationsRequested.size;
      const { engine, result } = await engineWith('off');
      expect(result.parts.map(p => p.part)).not.toContain('dependencies');
      expect([...sim.operationsRequested].slice(before)).not.toContain(
        'GET /service_dependencies/technical_services/{id}',
      );
      expect(await engine.dependencyDifferences()).toEqual({
        mode: 'off',
        pagerDutyOnly: [],
        catalogOnly: [],
      });
    });
  });
});
