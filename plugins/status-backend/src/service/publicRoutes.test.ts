import { mockCredentials } from '@backstage/backend-test-utils';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  component,
  entities,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { captureLogs } from '../__testUtils__/capturedLogs';
import { SecretRedactor } from '../lib/redaction';
import { publicToken } from './publicAccess';
import { addPublicRoutes } from './publicRoutes';

jest.setTimeout(60_000);

const SECRET = 'a-public-token-secret-of-forty-characters!';

/** Badges and feeds, read without signing in, during the login outage. */
describe('public badges and feeds', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    let server: any;
    /** A request with no credentials at all, as a README's image makes. */
    const anonymous = (path: string) =>
      request(server)
        .get(`/api/status${path}`)
        .set('Authorization', mockCredentials.none.header());

    beforeAll(async () => {
      sim = await startShopSimulator();
      triggerLoginOutage(sim);
      server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        // storefront has no signal of its own but depends on cart-api
        entities: [
          ...entities,
          component(
            'storefront',
            'shop',
            undefined,
            ['component:cart-api'],
            'cart-api',
          ),
        ],
        runStartupTasks: true,
        config: {
          app: { baseUrl: 'https://portal.example.com' },
          status: {
            pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
            public: {
              entities: ['Component:default/cart-api'],
              tokenSecret: SECRET,
            },
          },
        },
      });
      await waitForExpect(async () => {
        const res = await request(server).get(
          '/api/status/entities/component/default/cart-api',
        );
        if (res.body.levels?.effective !== 'major_outage')
          throw new Error(`cart-api is ${res.body.levels?.effective} so far`);
      });
    });
    afterAll(() => sim?.close());

    it("serves a public entity's badge to anyone", async () => {
      const res = await anonymous(
        '/public/badges/component/default/cart-api.svg',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const svg = res.text ?? res.body.toString();
      expect(svg).toContain('<title>cart-api: major outage</title>');
      expect(svg).toContain('fill="#c62828"');
    });

    it('reads as the page does: an inherited outage, not "not monitored"; a service PagerDuty lacks, "misconfigured"', async () => {
      const badge = async (name: string) => {
        const ref = `component:default/${name}`;
        const res = await anonymous(
          `/public/badges/component/default/${name}.svg?token=${publicToken(
            SECRET,
            ref,
          )}`,
        );
        expect(res.status).toBe(200);
        return res.text ?? res.body.toString();
      };
      expect(await badge('storefront')).toContain(
        '<title>storefront: major outage</title>',
      );
      // quote-engine names PNOSUCH, which the account lacks
      expect(await badge('quote-engine')).toContain(
        '<title>quote-engine: misconfigured</title>',
      );
    });

    it('answers 404 for every other entity unless its token is given, as for one that does not exist', async () => {
      const shopWeb = '/public/badges/component/default/shop-web.svg';
      const missing = await anonymous(shopWeb);
      expect(missing.status).toBe(404);
      const unknown = await anonymous(
        `/public/badges/component/default/no-such.svg?token=${publicToken(
          SECRET,
          'component:default/no-such',
        )}`,
      );
      expect(unknown.status).toBe(404);
      expect(missing.body.error.message).not.toContain('shop-web');
      // a token is for one entity only
      for (const token of [
        publicToken(SECRET, 'component:default/cart-api'),
        publicToken(
          'another-secret-of-at-least-thirty-two-chars',
          'component:default/shop-web',
        ),
        'x'.repeat(500),
      ])
        expect((await anonymous(`${shopWeb}?token=${token}`)).status).toBe(404);
      const opened = await anonymous(
        `${shopWeb}?token=${publicToken(SECRET, 'component:default/shop-web')}`,
      );
      expect(opened.status).toBe(200);
      expect(opened.text ?? opened.body.toString()).toContain(
        'shop-web: degraded',
      );
      expect(
        (await anonymous('/public/badges/component/default/cart-api.png'))
          .status,
      ).toBe(404);
    });

    it("serves an Atom feed of a public entity's level changes, naming no upstream that is not public", async () => {
      const res = await anonymous(
        '/public/feeds/component/default/cart-api.atom',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const xml: string = res.text ?? res.body.toString();
      expect(xml).toContain('<title>Status of cart-api</title>');
      expect(xml).toContain(
        '<link rel="alternate" type="text/html" href="https://portal.example.com/catalog/default/component/cart-api/status"/>',
      );
      // before the first sync its level was unknown
      expect(xml).toMatch(
        /<title>cart-api: (Operational|Unknown) → Major outage<\/title>/,
      );
      expect(xml).toContain('Major outage because of an upstream outage.');
      expect(xml).not.toMatch(/auth-service|membership-api|Login failing/);
    });

    it('gives status admins the links and token of an entity', async () => {
      const res = await request(server).get(
        '/api/status/entities/component/default/shop-web/public-links',
      );
      expect(res.status).toBe(200);
      const token = publicToken(SECRET, 'component:default/shop-web');
      expect(res.body).toEqual({
        public: false,
        available: true,
        badgePath: `/public/badges/component/default/shop-web.svg?token=${token}`,
        feedPath: `/public/feeds/component/default/shop-web.atom?token=${token}`,
      });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    });
  });
});

describe('public routes and the access log', () => {
  it('write no token into the access log', async () => {
    const logs = captureLogs();
    const middleware = MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: logs.root,
    });
    const app = express();
    // as the backend's root router does: the access log first
    app.use(middleware.logging());
    const router = Router();
    addPublicRoutes(router, {
      publicAccess: { entities: new Set(), tokenSecret: SECRET },
      access: {} as any,
      httpAuth: {} as any,
      store: {} as any,
      requireEngine: () => {
        throw new NotFoundError('no engine in this test');
      },
      redactor: new SecretRedactor(),
    });
    app.use('/api/status', router);
    app.use(middleware.error());
    const token = publicToken(SECRET, 'component:default/shop-web');
    await request(app).get(
      `/api/status/public/badges/component/default/shop-web.svg?token=${token}`,
    );
    const accessLog = logs.lines.find(l => l.meta.type === 'incomingRequest');
    expect(accessLog?.message).toContain(
      'GET /api/status/public/badges/component/default/shop-web.svg?token=[redacted]',
    );
    expect(logs.text()).not.toContain(token);
  });
});
