import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';

jest.setTimeout(90_000);

const SHOP = 'component:default/shop-web';
const CART = 'component:default/cart-api';

/** The signed-in user of the mock credentials, a PagerDuty user of the shop team. */
const signedIn: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mock', namespace: 'default' },
  spec: {
    profile: { displayName: 'Shop SRE', email: 'S1@example.com' },
    memberOf: ['shop'],
  },
};

// The report routes as configured: off, limited to low urgency, and when
// PagerDuty refuses the write; each report audited.
describe('report routes', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startShopSimulator();
    });
    afterEach(() => sim.close());

    async function app(reports: object) {
      const logger = mockServices.logger.mock();
      const audited: { message: string; meta: any }[] = [];
      logger.child.mockImplementation((fields: any) => {
        const child = mockServices.logger.mock();
        if (fields?.audit)
          child.info.mockImplementation((message: string, meta?: any) => {
            audited.push({ message, meta });
          });
        return child;
      });
      const stack = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger,
        entities: [...entities, signedIn],
        config: { reports },
      });
      const parts = await stack.makeParts();
      await parts.engine!.refreshCatalog();
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      // errors answered as the backend's root router answers them
      const server = express()
        .use(parts.router)
        .use(
          MiddlewareFactory.create({
            config: new ConfigReader({}),
            logger: mockServices.logger.mock(),
          }).error(),
        );
      return { server, audited };
    }
    const newIncidents = () =>
      [...sim.state.incidents.values()].filter(i =>
        i.title.includes('reported from'),
      );

    it('offers nothing and sends nothing when reporting is off', async () => {
      const { server } = await app({ enabled: false });
      const target = await request(server)
        .get('/reports/target')
        .query({ target: CART, affected: SHOP });
      expect(target.status).toBe(200);
      expect(target.body).toMatchObject({
        allowed: false,
        notAllowedReason: 'disabled',
        path: [SHOP, CART],
      });
      const sent = await request(server)
        .post('/reports')
        .send({ target: CART, affected: SHOP, description: 'Carts vanish' });
      expect(sent.status).toBe(403);
      expect(sent.body.error.message).toContain('turned off');
      expect(newIncidents()).toEqual([]);
    });

    it('opens incidents at the urgencies config allows, as the reporter matched without regard to case, and audits it', async () => {
      const { server, audited } = await app({ urgencies: ['low'] });
      const high = await request(server).post('/reports').send({
        target: CART,
        affected: SHOP,
        description: 'Carts vanish',
        urgency: 'high',
      });
      expect(high.status).toBe(403);
      expect(high.body.error.message).toContain('low urgency only');

      const low = await request(server)
        .post('/reports')
        .send({ target: CART, affected: SHOP, description: 'Carts vanish' });
      expect(low.status).toBe(201);
      expect(newIncidents()).toHaveLength(1);
      expect(newIncidents()[0]).toMatchObject({
        title: 'cart-api: Carts vanish (reported from shop-web)',
        urgency: 'low',
      });
      expect(newIncidents()[0].details).toContain(
        'Reported in Backstage by Shop SRE <S1@example.com>, whose shop-web depends on cart-api.',
      );
      expect(audited.map(a => a.message)).toEqual([
        expect.stringMatching(/^problem-report failed: NotAllowedError/),
        'problem-report succeeded',
      ]);
      expect(audited[1].meta).toMatchObject({
        target: CART,
        affected: SHOP,
        outcome: 'incident',
        incidentId: low.body.incident.id,
        urgency: 'low',
      });
    });

    it("says PagerDuty's refusal plainly and keeps nothing half-sent", async () => {
      const { server, audited } = await app({});
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: { '/incidents': { mode: 'error', status: 403 } },
        }),
      });
      const refused = await request(server)
        .post('/reports')
        .send({ target: CART, affected: SHOP, description: 'Carts vanish' });
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toMatch(
        /^PagerDuty did not take the report: .*403.*Nothing was sent/,
      );
      expect(newIncidents()).toEqual([]);
      expect(audited.map(a => a.message)).toEqual([
        expect.stringMatching(
          /^problem-report failed: ServiceUnavailableError/,
        ),
      ]);
      // the target still shows no incident: nothing was stored
      const target = await request(server)
        .get('/reports/target')
        .query({ target: CART, affected: SHOP });
      expect(target.body.openIncidents).toEqual([]);
    });
  });
});
