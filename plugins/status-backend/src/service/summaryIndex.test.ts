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
import { summariseStatus } from './summary';
import { SummaryIndex, ViewSummary } from './summaryIndex';

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

/** What a view's summary holds, without its memo. */
const contentOf = ({ memo: _memo, ...content }: ViewSummary) => content;

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
      const organisation = [...shop, ...generatedOrganisation(random)];
      const refs = organisation.map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
      );
      const stack = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
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
      const compareWithFreshEngine = async () => {
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

      /** Which kinds of root cause the walk met, to be sure it met them. */
      const seen = new Set<string>();
      for (let step = 0; step < 40; step++) {
        if (step % 8 === 0 && step > 0) await compareWithFreshEngine();
        const action = random.next();
        const at = new Date();
        if (action < 0.45 || open.size === 0) {
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
        } else if (action < 0.7) {
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
        } else if (action < 0.8) {
          const incident = pick([...open.values()]);
          const acknowledged = {
            ...incident,
            status: 'acknowledged' as const,
            changedAt: at,
            observedAt: at,
          };
          open.set(incident.id, acknowledged);
          await store.upsertIncidents([acknowledged]);
        } else if (action < 0.9) {
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
          expect(contentOf(index.forView(v))).toEqual(
            contentOf(fresh.forView(v)),
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
      // the walk met inherited outages, and roots hidden from the restricted reader
      expect(seen).toEqual(
        new Set(['true:false', 'false:false', 'false:true']),
      );
      expect(viewSerial).toBeGreaterThan(0);
    },
  );
});
