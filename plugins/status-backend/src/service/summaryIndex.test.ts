import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator, Random } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  component,
  entities as shop,
  startShopSimulator,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { StoredIncident, StoredService } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { selectionOf, summariseStatus, SummaryFilters } from './summary';
import { SummaryIndex, ViewSummary } from './summaryIndex';
import { Selection } from './viewSummary';

jest.setTimeout(120_000);

const SERVICES = 12;
const serviceId = (i: number) => `PGEN${String(i).padStart(3, '0')}`;

/**
 * Twenty-four components in layers, each depending on up to three of the
 * layer below (a few critically), half of them on a PagerDuty service.
 */
function generatedOrganisation(random: Random): Entity[] {
  const names = Array.from({ length: 24 }, (_, i) => `gen-${i}`);
  return names.map((name, i) => {
    const below = names.slice(0, Math.floor(i / 6) * 6);
    const upstreams = [
      ...new Set(
        Array.from({ length: 3 }, () =>
          below.length ? below[Math.floor(random.next() * below.length)] : '',
        ).filter(Boolean),
      ),
    ];
    return component(
      name,
      i % 3 ? 'shop' : 'platform',
      i < SERVICES * 2 && i % 2 === 0 ? serviceId(i / 2) : undefined,
      upstreams.map(u => `component:${u}`),
      upstreams.length && random.next() < 0.4 ? upstreams[0] : undefined,
    );
  });
}

/** What a view's summary holds. */
const contentOf = ({ version, entities, problems, facets }: ViewSummary) => ({
  version,
  entities,
  problems,
  facets,
});

/** What a selection holds (its test left out). */
const selectionContent = ({
  entities,
  counts,
  impacted,
  extra,
}: Selection<unknown>) => ({
  entities,
  counts,
  impacted,
  extra,
});

/** Queries whose selections the index keeps and follows through changes. */
const QUERIES: SummaryFilters[] = [
  {},
  { owner: ['group:default/shop'] },
  { level: ['degraded', 'partial_outage', 'major_outage'] },
  { within: ['group:default/platform'] },
  { kind: ['component'], text: 'gen-1', withUpstreams: true },
];

const view = (key: string, hidden: ReadonlySet<string>): CallerView => ({
  has: ref => !hidden.has(ref),
  admin: false,
  key,
});

describe('the summary index, after random changes', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator;
  beforeEach(async () => {
    sim = await startShopSimulator();
  });
  afterEach(() => sim.close());

  it.each(databases.eachSupportedId())(
    'equals a full recomputation, for every view, and the engine a fresh one, on %p',
    async databaseId => {
      const random = new Random(20261207);
      let organisation = [...shop, ...generatedOrganisation(random)];
      const refOf = (e: Entity) =>
        `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`;
      // every ref ever in the catalog: those removed must show nothing
      const refs = organisation.map(refOf);
      const logger = mockServices.logger.mock();
      const stack = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger,
        entities: organisation,
      });
      await stack.sync.syncOnce();
      const { store } = stack;
      const shopServices = await store.listServices('default');
      const generated: StoredService[] = Array.from(
        { length: SERVICES },
        (_, i) => ({
          account: 'default',
          id: serviceId(i),
          name: `gen service ${i}`,
          teams: [],
          syncedAt: new Date(),
        }),
      );
      await store.replaceServices('default', [...shopServices, ...generated]);
      const engine: StatusEngine = (await stack.makeEngine())!;
      await engine.refreshCatalog();
      const index = new SummaryIndex(engine);

      const open = new Map<string, StoredIncident>();
      let hidden = new Set<string>();
      let viewSerial = 0;
      let restricted = view('restricted-0', hidden);
      const everyone = view('everyone', new Set());
      const pick = <T>(items: T[]) =>
        items[Math.floor(random.next() * items.length)];

      /** The engine that read by difference agrees with one that reads everything. */
      let freshEngines = 0;
      const compareWithFreshEngine = async () => {
        freshEngines += 1;
        const other = (await stack.makeEngine())!;
        await other.refreshCatalog();
        expect(refs.map(ref => [ref, engine.levels(ref)])).toEqual(
          refs.map(ref => [ref, other.levels(ref)]),
        );
        expect(refs.map(ref => [ref, engine.rootCausesOf(ref)])).toEqual(
          refs.map(ref => [ref, other.rootCausesOf(ref)]),
        );
        expect(await summariseStatus(engine, store, restricted, {})).toEqual(
          await summariseStatus(other, store, restricted, {}),
        );
      };

      /** A change of one entity, or one added or removed, as teams make them. */
      const changeCatalog = () => {
        const ours = organisation.filter(e =>
          e.metadata.name.startsWith('gen-'),
        );
        const names = ours.map(e => e.metadata.name);
        const kind = random.next();
        if (kind < 0.2 && ours.length > 12) {
          const gone = pick(ours);
          organisation = organisation.filter(e => e !== gone);
          return 'removed';
        }
        const upstreams = [
          ...new Set(
            Array.from({ length: 1 + Math.floor(random.next() * 3) }, () =>
              pick(names),
            ),
          ),
        ];
        const service =
          random.next() < 0.5
            ? serviceId(Math.floor(random.next() * SERVICES))
            : undefined;
        if (kind < 0.4) {
          const name = `gen-${24 + Math.floor(random.next() * 6)}`;
          if (!names.includes(name)) refs.push(`component:default/${name}`);
          organisation = [
            ...organisation.filter(e => e.metadata.name !== name),
            component(name, 'shop', service, upstreams, upstreams[0]),
          ];
          return 'added';
        }
        const changed = pick(ours);
        const old = changed.metadata.annotations ?? {};
        organisation = organisation.map(e =>
          e === changed
            ? component(
                e.metadata.name,
                random.next() < 0.3 ? 'platform' : (e.spec!.owner as string),
                kind < 0.7 ? service : old['pagerduty.com/service-id'],
                kind < 0.7 ? upstreams.filter(u => u !== e.metadata.name) : [],
                random.next() < 0.5 ? upstreams[0] : undefined,
              )
            : e,
        );
        return 'changed';
      };

      /** Which kinds of root cause the walk met, to be sure it met them. */
      const seen = new Set<string>();
      const catalogChanges = new Set<string>();
      for (let step = 0; step < 60; step++) {
        if (step % 8 === 0 && step > 0) await compareWithFreshEngine();
        const action = random.next();
        const at = new Date();
        if (action > 0.78) {
          catalogChanges.add(changeCatalog());
          stack.setCatalogEntities(organisation);
          await engine.refreshCatalog();
          // the summaries that followed the change agree with a fresh build
          await compareWithFreshEngine();
        } else if (action < 0.4 || open.size === 0) {
          const incident: StoredIncident = {
            account: 'default',
            id: `PINC${step}`,
            number: step,
            title: `Incident ${step}`,
            serviceId: serviceId(Math.floor(random.next() * SERVICES)),
            status: 'triggered',
            urgency: random.next() < 0.5 ? 'high' : 'low',
            priority: random.next() < 0.3 ? 'P1' : undefined,
            createdAt: at,
            changedAt: at,
            observedAt: at,
            assignees: [],
          };
          open.set(incident.id, incident);
          await store.upsertIncidents([incident]);
        } else if (action < 0.55) {
          const incident = pick([...open.values()]);
          open.delete(incident.id);
          await store.upsertIncidents([
            {
              ...incident,
              status: 'resolved',
              resolvedAt: at,
              changedAt: at,
              observedAt: at,
            },
          ]);
        } else if (action < 0.62) {
          const incident = pick([...open.values()]);
          const acknowledged = {
            ...incident,
            status: 'acknowledged' as const,
            changedAt: at,
            observedAt: at,
          };
          open.set(incident.id, acknowledged);
          await store.upsertIncidents([acknowledged]);
        } else if (action < 0.7) {
          // a service PagerDuty deletes, or brings back
          const id = serviceId(Math.floor(random.next() * SERVICES));
          const service = generated.find(s => s.id === id)!;
          if ((await store.listServices('default')).some(s => s.id === id))
            await store.updateService('default', id, null);
          else
            await store.replaceServices('default', [
              ...(await store.listServices('default')),
              service,
            ]);
        } else {
          // the restricted reader's permissions change: a new readable set
          hidden = new Set(refs.filter(() => random.next() < 0.3));
          restricted = view(`restricted-${(viewSerial += 1)}`, hidden);
        }
        await engine.refreshSignals();

        const fresh = new SummaryIndex(engine);
        for (const v of [everyone, restricted]) {
          const kept = index.forView(v);
          const built = fresh.forView(v);
          expect(contentOf(kept)).toEqual(contentOf(built));
          for (const query of QUERIES)
            expect(selectionContent(selectionOf(engine, kept, query))).toEqual(
              selectionContent(selectionOf(engine, built, query)),
            );
          // nothing hidden is named, not even as a root cause or an owner
          const { entities } = index.forView(v);
          for (const entity of entities)
            if (entity.rootCause)
              seen.add(`${v === everyone}:${entity.rootCause === 'hidden'}`);
          const named = entities.flatMap(e =>
            [e.entityRef, e.owner, e.rootCause].filter(
              (ref): ref is string => !!ref && ref !== 'hidden',
            ),
          );
          expect(named.filter(ref => !v.has(ref))).toEqual([]);
        }
      }
      await compareWithFreshEngine();
      // the catalog's changes were applied by difference: one full build
      // only, besides those of the fresh engines
      expect(catalogChanges).toEqual(new Set(['removed', 'added', 'changed']));
      expect(
        logger.info.mock.calls.filter(([message]) =>
          String(message).startsWith('Status engine:'),
        ),
      ).toHaveLength(1 + freshEngines);
      // the walk met inherited outages, and roots hidden from the restricted reader
      expect(seen).toEqual(
        new Set(['true:false', 'false:false', 'false:true']),
      );
      expect(viewSerial).toBeGreaterThan(0);
    },
  );
});
