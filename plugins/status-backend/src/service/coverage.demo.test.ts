import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  PagerDutySimulator,
  readCatalogEntities,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import path from 'node:path';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { createStatusStack } from '../__testUtils__/statusStack';
import { describeCoverage } from './coverage';

jest.setTimeout(90_000);

const DEMO = path.resolve(__dirname, '../../../../examples/catalog.yaml');
const ref = (name: string) => `component:default/${name}`;

/**
 * The Meridian Group demo as an SRE meets it on day one: a few production
 * components without PagerDuty, one PagerDuty service no entity names (with
 * its suggestion), one annotation naming a service PagerDuty lacks.
 */
describe.each(createTestDatabases().eachSupportedId())(
  'coverage of the demo organisation on %p',
  id => {
    const databases = createTestDatabases();
    let sim: PagerDutySimulator;
    afterEach(() => sim?.close());

    it('counts what is monitored and suggests the one service no entity names', async () => {
      sim = await startPagerDutySimulator({
        catalogFile: DEMO,
        historyDays: 1,
        missingServiceIds: ['PNOSUCH'],
      });
      const entities = readCatalogEntities(DEMO) as unknown as Entity[];
      const { store, sync, makeEngine } = await createStatusStack({
        knex: await databases.init(id),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        entities,
      });
      await sync.syncOnce();
      const engine = await makeEngine();
      await engine.refreshCatalog();
      const refs = [...engine.allEntities()].map(e => e.ref);
      const coverage = describeCoverage({
        engine,
        services: await store.listServices(),
        view: callerView(refs),
        mappings: [],
        canMap: true,
        query: { monitored: 'no', lifecycle: 'production' },
      });

      const production = entities.filter(
        e => e.kind === 'Component' && e.spec?.lifecycle === 'production',
      );
      expect(coverage.totals.production).toBe(production.length);
      // the four production components the demo leaves without PagerDuty,
      // and quote-engine, whose annotation names a service PagerDuty lacks
      expect(coverage.components.items.map(c => c.entityRef).sort()).toEqual(
        [
          'comments-service',
          'music-playlist-service',
          'quote-engine',
          'seller-portal',
          'tutor-matching',
        ].map(ref),
      );
      expect(coverage.totals.monitored).toBe(production.length - 5);

      expect(coverage.unreferencedServices.items).toHaveLength(1);
      const [playlists] = coverage.unreferencedServices.items;
      expect(playlists).toMatchObject({
        serviceId: 'PPLAYL5',
        annotation: ['pagerduty.com/service-id: PPLAYL5'],
      });
      // the likeliest first, for every reason there is
      expect(playlists.suggestions[0]).toEqual({
        entityRef: ref('music-playlist-service'),
        reasons: [
          { kind: 'name' },
          { kind: 'team', team: 'Music' },
          { kind: 'escalation_policy', policy: 'Music escalation' },
        ],
      });
      expect(coverage.unknownServices.items).toEqual([
        expect.objectContaining({
          entityRef: ref('quote-engine'),
          serviceId: 'PNOSUCH',
        }),
      ]);
    });
  },
);
