import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_MIDDLE,
  READER,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

const CHECKOUT = 'component:default/checkout';
const AUTH = 'component:default/auth-service';

describe("PagerDuty's service graph under a real permission policy", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const as = (user: string, path: string) => backend.as(user, path);

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId);
      // PagerDuty knows what the catalog never recorded: checkout needs
      // payments, and both need the hidden auth-service
      const edge = (dependent: string, supporting: string, n: number) => ({
        id: `DEDGE${n}`,
        dependent: { id: dependent, kind: 'technical_service' as const },
        supporting: { id: supporting, kind: 'technical_service' as const },
      });
      backend.sim.state.serviceDependencies.push(
        edge('PCHECK1', 'PPAY001', 1),
        edge('PCHECK1', 'PAUTH01', 2),
        edge('PPAY001', 'PAUTH01', 3),
      );
      // the start-up sync read the graph before these edges: read it again
      await backend.statusKnex('status_service_dependency_reads').delete();
      await backend.scheduler.triggerTask('status-pagerduty-sync');
      await backend.scheduler.triggerTask('status-catalog');
      await waitForExpect(async () => {
        const res = await as(SRE, '/coverage/dependencies');
        if (res.body.pagerDutyOnly?.length !== 3)
          throw new Error("PagerDuty's graph has not been read yet");
      });
    });
    afterAll(() => backend?.sim.close());

    it('lists to each reader only the edges whose both ends they may read', async () => {
      const reader = await as(READER, '/coverage/dependencies');
      expect(reader.status).toBe(200);
      expect(reader.body).toEqual({
        mode: 'suggest',
        pagerDutyOnly: [{ dependent: CHECKOUT, upstream: HIDDEN_MIDDLE.root }],
        catalogOnly: [],
        truncated: false,
      });
      backend.expectNothingHidden(reader.body);
      // an edge to something hidden is left out, not counted: no cut shows
      const one = await as(READER, '/coverage/dependencies?limit=1');
      expect(one.body.truncated).toBe(false);

      const sre = await as(SRE, '/coverage/dependencies');
      expect(sre.body.pagerDutyOnly).toEqual([
        { dependent: CHECKOUT, upstream: AUTH },
        { dependent: CHECKOUT, upstream: HIDDEN_MIDDLE.root },
        { dependent: HIDDEN_MIDDLE.root, upstream: AUTH },
      ]);
      const cut = await as(SRE, '/coverage/dependencies?limit=1');
      expect(cut.body.pagerDutyOnly).toHaveLength(1);
      expect(cut.body.truncated).toBe(true);
    });

    it('changes no level while it only suggests', async () => {
      // payments has an open P1: checkout would inherit it over the new edge
      const res = await as(SRE, '/entities/component/default/checkout');
      expect(res.status).toBe(200);
      expect(
        res.body.rootCauses.map((c: { entityRef: string }) => c.entityRef),
      ).not.toContain(HIDDEN_MIDDLE.root);
      expect(JSON.stringify(res.body)).not.toContain('pagerDutyHops');
    });

    it('refuses a query it does not know or cannot bound, naming nothing', async () => {
      for (const query of ['limit=0', 'limit=501', 'limit=many', 'kind=all']) {
        const res = await as(READER, `/coverage/dependencies?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        backend.expectNothingHidden(res.body);
      }
    });
  });
});

describe("PagerDuty's service graph in use, under a real permission policy", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const as = (user: string, path: string) => backend.as(user, path);

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        status: { graph: { pagerDutyDependencies: 'use' } },
        // checkout needs payments (open P1) and the hidden auth-service
        prepare: sim =>
          sim.state.serviceDependencies.push(
            {
              id: 'DEDGE1',
              dependent: { id: 'PCHECK1', kind: 'technical_service' },
              supporting: { id: 'PPAY001', kind: 'technical_service' },
            },
            {
              id: 'DEDGE2',
              dependent: { id: 'PCHECK1', kind: 'technical_service' },
              supporting: { id: 'PAUTH01', kind: 'technical_service' },
            },
          ),
      });
      // the engine reads the graph the start-up sync stored with the catalog
      await backend.scheduler.triggerTask('status-catalog');
    });
    afterAll(() => backend?.sim.close());

    it('passes impact over an edge only PagerDuty knows, marks the hop, and names nothing hidden', async () => {
      await waitForExpect(async () => {
        const res = await as(READER, '/entities/component/default/checkout');
        const payments = res.body.rootCauses?.find(
          (c: { entityRef: string }) => c.entityRef === HIDDEN_MIDDLE.root,
        );
        if (!payments) throw new Error('payments is not a root cause yet');
      });
      const reader = await as(READER, '/entities/component/default/checkout');
      expect(reader.body.rootCauses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            entityRef: HIDDEN_MIDDLE.root,
            path: [CHECKOUT, HIDDEN_MIDDLE.root],
            pagerDutyHops: [0],
          }),
          expect.objectContaining({ entityRef: 'hidden' }),
        ]),
      );
      backend.expectNothingHidden(reader.body);

      const coverage = await as(READER, '/coverage/dependencies');
      expect(coverage.body).toMatchObject({
        mode: 'use',
        pagerDutyOnly: [{ dependent: CHECKOUT, upstream: HIDDEN_MIDDLE.root }],
      });
      backend.expectNothingHidden(coverage.body);
    });
  });
});
