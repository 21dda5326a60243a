import { Entity } from '@backstage/catalog-model';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_MIDDLE,
  IDENTITY_DEV,
  READER,
  RestrictedStatusBackend,
  startRestrictedStatusBackend,
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
