import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  IDENTITY_DEV,
  READER,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

const HIDDEN_FROM_IDENTITY = [
  'component:default/ledger-api', // restricted, owned by payments-team
  'component:default/fraud-rules', // SREs only
];
const MISSING = 'component:default/no-such-service';

describe('service mappings under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const header = (user: string) => mockCredentials.user.header(user);
    const put = (user: string, body: object) =>
      request(backend.server)
        .put('/api/status/mappings')
        .set('Authorization', header(user))
        .send(body);
    const remove = (user: string, entityRef: string) =>
      request(backend.server)
        .delete('/api/status/mappings')
        .query({ entityRef })
        .set('Authorization', header(user));
    const listAs = async (user: string) => {
      const res = await backend.as(user, '/mappings').expect(200);
      return res.body.items as { entityRef: string; serviceId: string }[];
    };
    /** A 404 body with the ref the caller sent taken out, to compare two answers. */
    const shapeOf = (res: request.Response, ref: string) =>
      JSON.parse(JSON.stringify(res.body).split(ref).join('<ref>'));

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId);
    });
    afterAll(() => backend?.sim.close());

    it('answers 403 to a user without status.mapping.write, whatever the entity', async () => {
      const answers = [];
      for (const entityRef of [
        'component:default/login-api',
        'component:default/auth-service',
        MISSING,
      ]) {
        const res = await put(READER, { entityRef, serviceId: 'PLOGIN1' });
        expect(res.status).toBe(403);
        answers.push(shapeOf(res, entityRef));
        expect((await remove(READER, entityRef)).status).toBe(403);
      }
      // nothing tells a visible, a hidden and a missing entity apart
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      expect(JSON.stringify(answers)).toContain('status.mapping.write');
      expect(await listAs(SRE)).toEqual([]);
    });

    it('never maps, removes or lists an entity the caller may not read, and answers as for one that does not exist', async () => {
      const missing = await put(IDENTITY_DEV, {
        entityRef: MISSING,
        serviceId: 'PLEDGER1',
      });
      expect(missing.status).toBe(404);
      for (const entityRef of HIDDEN_FROM_IDENTITY) {
        const res = await put(IDENTITY_DEV, {
          entityRef,
          serviceId: 'PLEDGER1',
        });
        expect(res.status).toBe(404);
        expect(shapeOf(res, entityRef)).toEqual(shapeOf(missing, MISSING));
        const removed = await remove(IDENTITY_DEV, entityRef);
        expect(removed.status).toBe(404);
      }
      expect(await listAs(SRE)).toEqual([]);

      // an SRE maps one; those who may not read it never see the mapping
      const sre = await put(SRE, {
        entityRef: 'component:default/ledger-api',
        serviceId: 'PLEDGER1',
      });
      expect(sre.status).toBe(200);
      for (const user of [READER, IDENTITY_DEV]) {
        const items = await listAs(user);
        expect(items.map(i => i.entityRef)).not.toContain(
          'component:default/ledger-api',
        );
        backend.expectNothingHidden(items);
      }
      // and cannot remove it
      expect(
        (await remove(IDENTITY_DEV, 'component:default/ledger-api')).status,
      ).toBe(404);
      expect((await listAs(SRE)).map(i => i.entityRef)).toEqual([
        'component:default/ledger-api',
      ]);
      // the catalog module, a service, reads every mapping
      const service = await request(backend.server)
        .get('/api/status/mappings')
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      expect(service.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/ledger-api',
      ]);
      await remove(SRE, 'component:default/ledger-api').expect(204);
    });

    it('maps a readable entity, lists it to its readers, and removes it', async () => {
      const res = await put(IDENTITY_DEV, {
        entityRef: 'Component:default/login-api',
        serviceId: 'PLOGIN1',
      });
      expect(res.status).toBe(200);
      expect(res.body.mapping).toEqual({
        entityRef: 'component:default/login-api',
        account: 'default',
        serviceId: 'PLOGIN1',
        createdBy: IDENTITY_DEV,
        createdAt: expect.any(String),
      });
      expect(Date.parse(res.body.mapping.createdAt)).not.toBeNaN();
      // login-api is public: the reader sees the mapping, without permission to change it
      expect(await listAs(READER)).toEqual([res.body.mapping]);

      await remove(IDENTITY_DEV, 'component:default/login-api').expect(204);
      expect(await listAs(IDENTITY_DEV)).toEqual([]);
      // removing what is not mapped changes nothing
      await remove(IDENTITY_DEV, 'component:default/login-api').expect(204);
    });

    it('refuses to map over an entity whose own YAML names its service: the YAML wins', async () => {
      const res = await put(IDENTITY_DEV, {
        entityRef: 'component:default/checkout',
        serviceId: 'POTHER1',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/edit the YAML/);
      expect(await listAs(SRE)).toEqual([]);
    });

    it('answers 400 to a malformed service ID, an unknown account or a malformed ref', async () => {
      const entityRef = 'component:default/login-api';
      for (const body of [
        { entityRef, serviceId: 'not an id' },
        { entityRef, serviceId: `P${'A'.repeat(40)}` },
        { entityRef, serviceId: 'plogin1' },
        { entityRef, serviceId: 'PLOGIN1', account: 'nowhere' },
        { entityRef, serviceId: 'PLOGIN1', account: 'x'.repeat(100) },
        { entityRef: 'component:default/', serviceId: 'PLOGIN1' },
        { entityRef: 'login-api', serviceId: 'PLOGIN1' },
        {
          entityRef: `component:default/${'x'.repeat(300)}`,
          serviceId: 'PLOGIN1',
        },
        { serviceId: 'PLOGIN1' },
        { entityRef, serviceId: 7 },
      ]) {
        const res = await put(IDENTITY_DEV, body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
      }
      expect((await remove(IDENTITY_DEV, '')).status).toBe(400);
      expect(await listAs(SRE)).toEqual([]);
    });

    it('asks for credentials before anything else', async () => {
      const none = mockCredentials.none.header();
      const answers = await Promise.all([
        request(backend.server)
          .get('/api/status/mappings')
          .set('Authorization', none),
        request(backend.server)
          .put('/api/status/mappings')
          .set('Authorization', none)
          .send({ entityRef: 'component:default/login-api', serviceId: 'x' }),
        request(backend.server)
          .delete('/api/status/mappings')
          .set('Authorization', none),
      ]);
      expect(answers.map(a => a.status)).toEqual([401, 401, 401]);
    });
  });
});
