import { Entity } from '@backstage/catalog-model';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_MIDDLE,
  IDENTITY_DEV,
  NEWCOMER,
  READER,
  RestrictedStatusBackend,
  startRestrictedStatusBackend,
  VETERAN,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

/** Objectives on checkout (whose root cause auth-service is hidden from the reader) and invoices (behind the hidden ledger-api). */
function withObjectives(organisation: Entity[]): Entity[] {
  return organisation.map(e =>
    ['checkout', 'invoices', 'auth-service'].includes(e.metadata.name)
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            annotations: {
              ...e.metadata.annotations,
              'status.backstage.io/slo': '99.9',
            },
          },
        }
      : e,
  );
}

// Objectives under the restricted policy: the reader may not read
// auth-service (checkout's hidden root cause) nor ledger-api (the hidden
// middle between payments and invoices).
describe('objectives under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const objective = (user: string, path: string) =>
      backend.as(user, `/entities/${path}/objective`);

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        entities: withObjectives,
      });
      // the levels the outages caused are recorded
      await waitForExpect(async () => {
        const res = await objective(IDENTITY_DEV, 'component/default/checkout');
        if (!res.body.window?.inheritedMs)
          throw new Error('no inherited downtime recorded yet');
      });
    });
    afterAll(() => backend?.sim.close());

    it("spends checkout's budget on a root cause the reader may not see without naming it, and names it to its owner", async () => {
      const reader = await objective(READER, 'component/default/checkout');
      expect(reader.status).toBe(200);
      expect(reader.body.objective).toEqual({
        target: 0.999,
        windowDays: 30,
        source: 'annotation',
      });
      expect(reader.body.window.upstreams.map((u: any) => u.ref)).toEqual([
        HIDDEN_ENTITY_REF,
      ]);
      backend.expectNothingHidden(reader.body);

      const owner = await objective(IDENTITY_DEV, 'component/default/checkout');
      expect(owner.body.window.upstreams.map((u: any) => u.ref)).toEqual([
        'component:default/auth-service',
      ]);
    });

    it('names the visible root behind a hidden middle, and nothing of the middle', async () => {
      const res = await objective(READER, 'component/default/invoices');
      expect(res.status).toBe(200);
      expect(res.body.window.upstreams.map((u: any) => u.ref)).toEqual([
        HIDDEN_MIDDLE.root,
      ]);
      backend.expectNothingHidden(res.body);
    });

    it('keeps budgets for the catalog column and the dashboard, and tells owners of the burn, naming no hidden upstream', async () => {
      const CHECKOUT = 'component:default/checkout';
      const levels = () =>
        backend.as(
          READER,
          `/levels?entityRef=${CHECKOUT}&entityRef=${HIDDEN_MIDDLE.dependent}`,
        );
      await backend.scheduler.triggerTask('status-budgets');
      await waitForExpect(async () => {
        const res = await levels();
        expect(res.body.levels).toHaveLength(2);
        for (const level of res.body.levels)
          expect(level.budget?.burning).toBe('inherited');
      });
      const byRef = Object.fromEntries(
        (await levels()).body.levels.map((l: any) => [l.entityRef, l.budget]),
      );
      // a hidden root: its share counted, its name not told
      expect(byRef[CHECKOUT].topUpstream.ref).toBe(HIDDEN_ENTITY_REF);
      expect(byRef[CHECKOUT].inheritedUsed).toBeGreaterThan(0);
      // a hidden middle: the visible root behind it is named
      expect(byRef[HIDDEN_MIDDLE.dependent].topUpstream.ref).toBe(
        HIDDEN_MIDDLE.root,
      );
      const owner = await backend.as(
        IDENTITY_DEV,
        `/levels?entityRef=${CHECKOUT}`,
      );
      expect(owner.body.levels[0].budget.topUpstream.ref).toBe(
        'component:default/auth-service',
      );
      // the dashboard's rows carry the same, masked the same way
      const rows = await backend.as(READER, '/summary/rows?limit=1000');
      const row = rows.body.rows.find(
        (r: any) => r.entity?.entityRef === CHECKOUT,
      );
      expect(row.entity.budget.topUpstream.ref).toBe(HIDDEN_ENTITY_REF);
      backend.expectNothingHidden(rows.body);
      backend.expectNothingHidden((await levels()).body);

      // shop owns checkout and invoices: the newcomer, never served, is
      // told of each burn without names; the veteran by name once served,
      // and nothing hidden either way
      const burnsTo = (user: string) =>
        backend
          .notifiedTo(user)
          .filter(n => n.payload.topic === 'Error budgets');
      await backend.as(VETERAN, `/levels?entityRef=${CHECKOUT}`);
      await waitForExpect(async () => {
        await backend.scheduler.triggerTask('status-budgets');
        expect(burnsTo(NEWCOMER)).toHaveLength(2);
        const named = burnsTo(VETERAN).filter(
          n => !n.payload.title.startsWith('An error budget'),
        );
        expect(named.map(n => n.payload.title).sort()).toEqual([
          'checkout: error budget burning fast (inherited)',
          // payments' incident opened before recording: its budget is spent
          expect.stringMatching(
            /^invoices: error budget (burning fast|spent and still burning) \(inherited\)$/,
          ),
        ]);
        expect(
          named.find(n => n.payload.title.startsWith('invoices'))!.payload
            .description,
        ).toContain('payments used');
        expect(
          named.find(n => n.payload.title.startsWith('checkout'))!.payload
            .description,
        ).toContain('an upstream you may not see used');
      });
      for (const n of burnsTo(NEWCOMER))
        expect(n.payload.title).toBe(
          'An error budget of an entity you own is burning fast',
        );
      backend.expectNothingHidden(burnsTo(NEWCOMER));
      backend.expectNothingHidden(burnsTo(VETERAN));
      // once per burn: asked again, nobody is told again
      const told = backend.notified.length;
      await backend.scheduler.triggerTask('status-budgets');
      await backend.scheduler.triggerTask('status-budgets');
      expect(backend.notified.length).toBe(told);
    });

    it("answers 404 for a hidden entity's objective, as for one that does not exist", async () => {
      const hidden = await objective(READER, 'component/default/auth-service');
      const missing = await objective(READER, 'component/default/nope');
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.message.replace('auth-service', 'X')).toBe(
        missing.body.error.message.replace('nope', 'X'),
      );
    });

    it("lists a System's members with objectives the reader may see, and no roll-up hidden from them", async () => {
      const res = await backend.as(
        READER,
        '/rollups/system/default/shop-system/objectives',
      );
      expect(res.status).toBe(200);
      expect(res.body.members.map((m: any) => m.entityRef).sort()).toEqual([
        'component:default/checkout',
        'component:default/invoices',
      ]);
      backend.expectNothingHidden(res.body);
      const hidden = await backend.as(
        READER,
        '/rollups/system/default/identity-core/objectives',
      );
      expect(hidden.status).toBe(404);
    });
  });
});
