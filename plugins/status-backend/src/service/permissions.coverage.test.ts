import { mockCredentials } from '@backstage/backend-test-utils';
import { StatusCoverage } from '@status-layer/plugin-status-common';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  READER,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

const ref = (name: string) => `component:default/${name}`;

/** Adds services to the simulated account that no entity names, named like hidden entities. */
function addUnreferencedServices(backend: RestrictedStatusBackend) {
  const template = backend.sim.state.service('PPAY001');
  for (const [id, name] of [
    ['PLEDGER', 'Ledger API'],
    ['PFRAUD1', 'Fraud Rules'],
  ])
    backend.sim.state.services.set(id, {
      ...template,
      id,
      name,
      entityName: undefined,
    });
}

describe('GET /coverage under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const coverageAs = async (user: string, search = '') => {
      const res = await backend.as(user, `/coverage${search}`);
      expect(res.status).toBe(200);
      return res.body as StatusCoverage;
    };

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId);
      addUnreferencedServices(backend);
      await backend.scheduler.triggerTask('status-pagerduty-sync');
      await waitForExpect(async () => {
        const res = await backend.as(SRE, '/coverage');
        if (res.body.unreferencedServices?.total !== 2)
          throw new Error('the new services are not synchronised yet');
      });
    });
    afterAll(() => backend?.sim.close());

    it('lists and counts only what the reader may read, and names no hidden entity', async () => {
      const reader = await coverageAs(READER, '?limit=1000');
      backend.expectNothingHidden(reader);
      const listed = reader.components.items.map(c => c.entityRef).sort();
      expect(listed).toEqual(
        [
          'cart',
          'checkout',
          'invoices',
          'login-api',
          'payments',
          'profile-api',
        ].map(ref),
      );
      expect(reader.totals.components).toBe(6);
      // identity's readable component only: its hidden auth-service is not counted
      expect(reader.groups.owner.items).toContainEqual({
        entityRef: 'group:default/identity',
        production: 1,
        monitored: 0,
      });
      // payments' dependents are ledger-api and fraud-rules, both hidden
      const payments = reader.components.items.find(
        c => c.entityRef === ref('payments'),
      )!;
      expect(payments.dependents).toBe(0);

      const sre = await coverageAs(SRE, '?limit=1000');
      expect(sre.totals.components).toBe(9);
      expect(
        sre.components.items.find(c => c.entityRef === ref('payments'))!
          .dependents,
      ).toBe(2);
      expect(sre.groups.owner.items).toContainEqual({
        entityRef: 'group:default/identity',
        production: 2,
        monitored: 1,
      });
    });

    it('suggests hidden entities for unreferenced services to their readers only', async () => {
      const suggested = (coverage: StatusCoverage, serviceId: string) =>
        coverage.unreferencedServices.items
          .find(s => s.serviceId === serviceId)!
          .suggestions.map(s => s.entityRef);
      const sre = await coverageAs(SRE);
      expect(suggested(sre, 'PLEDGER')[0]).toBe(ref('ledger-api'));
      expect(suggested(sre, 'PFRAUD1')[0]).toBe(ref('fraud-rules'));

      const reader = await coverageAs(READER);
      backend.expectNothingHidden(reader);
      for (const serviceId of ['PLEDGER', 'PFRAUD1'])
        for (const entityRef of suggested(reader, serviceId))
          expect([ref('ledger-api'), ref('fraud-rules')]).not.toContain(
            entityRef,
          );
      // the same services are unreferenced for every reader
      expect(reader.unreferencedServices.total).toBe(
        sre.unreferencedServices.total,
      );
      expect(reader.unreferencedServices.items[0].annotation).toEqual([
        'pagerduty.com/service-id: PFRAUD1',
      ]);
    });

    it('filters, says who may map, and refuses bad or anonymous requests', async () => {
      const identity = await coverageAs(
        READER,
        `?owner=${encodeURIComponent('group:default/identity')}`,
      );
      expect(identity.components.items.map(c => c.entityRef)).toEqual([
        ref('login-api'),
      ]);
      expect((await coverageAs(SRE)).canMap).toBe(true);
      expect((await coverageAs(READER)).canMap).toBe(false);

      expect((await backend.as(READER, '/coverage?limit=0')).status).toBe(400);
      expect((await backend.as(READER, '/coverage?sort=x')).status).toBe(400);
      expect(
        (await backend.as(READER, `/coverage?q=${'x'.repeat(300)}`)).status,
      ).toBe(400);
      const anonymous = await request(backend.server)
        .get('/api/status/coverage')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });
  });
});
