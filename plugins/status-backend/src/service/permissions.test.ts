import { alertmanagerGroup } from '@internal/pagerduty-simulator';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { ALERT_SECRET } from '../__testUtils__/restrictedStatusBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  IDENTITY_DEV,
  READER,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

describe('the status API under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const as = (user: string, path: string) => backend.as(user, path);
    const expectNothingHidden = (body: unknown) =>
      backend.expectNothingHidden(body);

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId);
    });
    afterAll(() => backend?.sim.close());

    it("lets the owner and SREs read the hidden upstream's status", async () => {
      for (const user of [IDENTITY_DEV, SRE]) {
        const res = await as(user, '/entities/component/default/auth-service');
        expect(res.status).toBe(200);
        expect(res.body.levels.own).toBe('major_outage');
        expect(res.body.incidents[0].title).toBe('Token signing keys expired');
      }
      const checkout = await as(SRE, '/entities/component/default/checkout');
      expect(checkout.body.rootCauses[0]).toMatchObject({
        entityRef: 'component:default/auth-service',
        path: [
          'component:default/checkout',
          'component:default/login-api',
          'component:default/auth-service',
        ],
      });
    });

    it("answers the catalog's levels only for entities the caller may read, bounded", async () => {
      const refs = [
        'component:default/checkout',
        'component:default/auth-service',
        'resource:default/session-db',
        'component:default/no-such-thing',
        'login-api',
      ];
      const query = refs
        .map(r => `entityRef=${encodeURIComponent(r)}`)
        .join('&');
      const reader = await as(READER, `/levels?${query}`);
      expect(reader.status).toBe(200);
      expect(reader.body.levels).toEqual([
        {
          entityRef: 'component:default/checkout',
          own: 'operational',
          effective: 'major_outage',
          inherited: true,
        },
        {
          entityRef: 'component:default/login-api',
          effective: 'major_outage',
          inherited: true,
        },
      ]);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, `/levels?${query}`);
      expect(sre.body.levels.map((l: any) => l.entityRef)).toEqual([
        'component:default/checkout',
        'component:default/auth-service',
        'resource:default/session-db',
        'component:default/login-api',
      ]);
      expect(sre.body.levels[1]).toEqual({
        entityRef: 'component:default/auth-service',
        own: 'major_outage',
        effective: 'major_outage',
        inherited: false,
      });
      const tooMany = Array.from(
        { length: 201 },
        (_, i) => `entityRef=component:default/c${i}`,
      ).join('&');
      for (const bad of ['', `?${tooMany}`, '?entityRef=kind:']) {
        const refused = await as(SRE, `/levels${bad}`);
        expect(refused.status).toBe(400);
        expect(refused.body.error.name).toBe('InputError');
      }
    });

    it('answers 404 for an entity the caller may not read, as for one that does not exist', async () => {
      for (const path of [
        '/entities/component/default/auth-service',
        '/entities/resource/default/session-db',
        '/rollups/system/default/identity-core',
        '/entity-configuration?entityRef=component:default/auth-service',
      ]) {
        const hidden = await as(READER, path);
        const missing = await as(
          READER,
          path.replace(
            /auth-service|session-db|identity-core/,
            'no-such-thing',
          ),
        );
        expect(hidden.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(hidden.body.error.name).toBe(missing.body.error.name);
      }
    });

    it('explains an outage inherited through a hidden upstream without naming it', async () => {
      const checkout = await as(READER, '/entities/component/default/checkout');
      expect(checkout.status).toBe(200);
      expect(checkout.body.levels.effective).toBe('major_outage');
      expect(checkout.body.explanation).toBe(
        'Major outage — impacted by an upstream you cannot see, 2 hops upstream',
      );
      expect(checkout.body.rootCauses).toEqual([
        {
          entityRef: HIDDEN_ENTITY_REF,
          level: 'major_outage',
          rootLevel: null,
          path: [
            'component:default/checkout',
            'component:default/login-api',
            HIDDEN_ENTITY_REF,
          ],
          incidents: [],
          alerts: [],
          owner: null,
          escalationPolicies: [],
        },
      ]);
      expectNothingHidden(checkout.body);

      // hidden in the middle of the path, too
      const profile = await as(
        READER,
        '/entities/component/default/profile-api',
      );
      expect(profile.body.rootCauses[0].path).toEqual([
        'component:default/profile-api',
        HIDDEN_ENTITY_REF,
        HIDDEN_ENTITY_REF,
      ]);
      expectNothingHidden(profile.body);
    });

    it("leaves hidden entities out of an alert's targets and of impacted lists", async () => {
      const cart = await as(READER, '/entities/component/default/cart');
      expect(cart.body.alerts).toHaveLength(1);
      expect(cart.body.alerts[0].entityRefs).toEqual([
        'component:default/cart',
      ]);
      expectNothingHidden(cart.body);
      const forSre = await as(SRE, '/entities/component/default/cart');
      expect(forSre.body.alerts[0].entityRefs.sort()).toEqual([
        'component:default/auth-service',
        'component:default/cart',
      ]);
      const login = await as(READER, '/entities/component/default/login-api');
      expect(login.body.upstreams).toEqual([]);
      expectNothingHidden(login.body);
    });

    it("counts only the dependents a reader may see, past a hidden middle too, and keeps each view's count apart", async () => {
      // payments ← ledger-api (hidden) ← invoices; payments ← fraud-rules (SREs only)
      const sre = await as(SRE, '/entities/component/default/payments');
      expect(sre.body.impacted.map((i: any) => i.entityRef).sort()).toEqual([
        'component:default/fraud-rules',
        'component:default/invoices',
        'component:default/ledger-api',
      ]);
      expect(sre.body).toMatchObject({ impactedCount: 3, dependentCount: 3 });
      for (let read = 0; read < 2; read++) {
        // the second read is answered from the count kept for this view
        const reader = await as(READER, '/entities/component/default/payments');
        expect(reader.body.impacted).toEqual([
          {
            entityRef: 'component:default/invoices',
            level: expect.any(String),
          },
        ]);
        expect(reader.body).toMatchObject({
          impactedCount: 1,
          dependentCount: 1,
        });
        expectNothingHidden(reader.body);
      }
      expect(
        (await as(SRE, '/entities/component/default/payments')).body,
      ).toMatchObject({ impactedCount: 3, dependentCount: 3 });
    });

    it('keeps hidden entities out of the summary: entities, counts, problems, owners, systems', async () => {
      const reader = await as(READER, '/summary');
      expect(reader.status).toBe(200);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, '/summary');
      expect(sre.body.total - reader.body.total).toBe(5); // auth-service, session-db, identity-core, ledger-api, fraud-rules
      expect(
        reader.body.entities.find(
          (e: any) => e.entityRef === 'component:default/checkout',
        ).rootCause,
      ).toBe(HIDDEN_ENTITY_REF);
      // the outage itself is a problem only for those who may read it
      expect(reader.body.problems.map((p: any) => p.entityRef).sort()).toEqual([
        'component:default/cart',
        'component:default/payments',
      ]);
      expect(sre.body.problems.map((p: any) => p.entityRef).sort()).toEqual([
        'component:default/auth-service',
        'component:default/cart',
        'component:default/payments',
      ]);
      // filtering by a hidden system finds nothing
      const bySystem = await as(
        READER,
        '/summary?system=system:default/identity-core',
      );
      expect(bySystem.body.total).toBe(0);
      // the facets name no hidden owner, system or domain
      expect(reader.body.facets.system).not.toContain(
        'system:default/identity-core',
      );
    });

    it('keeps hidden entities out of the paged rows and problems', async () => {
      for (const group of ['flat', 'owner', 'domain']) {
        const reader = await as(
          READER,
          `/summary/rows?group=${group}&limit=1000&history=7`,
        );
        const sre = await as(SRE, `/summary/rows?group=${group}&limit=1000`);
        expect(reader.status).toBe(200);
        expectNothingHidden(reader.body);
        expect(sre.body.entities - reader.body.entities).toBe(5);
        expect(JSON.stringify(sre.body)).toContain(
          'component:default/auth-service',
        );
      }
      const readerProblems = await as(READER, '/summary/problems');
      expect(readerProblems.body.total).toBe(2);
      expectNothingHidden(readerProblems.body);
      const sreProblems = await as(SRE, '/summary/problems');
      expect(sreProblems.body.total).toBe(3);
    });

    it('keeps hidden entities out of roll-ups and the incident feed', async () => {
      const identity = await as(READER, '/rollups/group/default/identity');
      expect(identity.status).toBe(200);
      expect(identity.body.members.map((m: any) => m.entityRef)).toEqual([
        'component:default/login-api',
      ]);
      expect(identity.body.upstreamProblems).toEqual([
        expect.objectContaining({
          entityRef: HIDDEN_ENTITY_REF,
          owner: null,
          impacts: ['component:default/login-api'],
        }),
      ]);
      expectNothingHidden(identity.body);
      const shop = await as(READER, '/rollups/system/default/shop-system');
      expectNothingHidden(shop.body);

      const feed = await as(READER, '/incidents');
      expect(feed.body.incidents.map((i: any) => i.title)).toEqual([
        'Card authorisations declined',
      ]);
      expectNothingHidden(feed.body);
      const sreFeed = await as(SRE, '/incidents');
      expect(sreFeed.body.incidents.map((i: any) => i.title).sort()).toEqual([
        'Card authorisations declined',
        'Token signing keys expired',
      ]);
    });

    it('shows unmatched alerts and error details only to status admins', async () => {
      const denied = await as(READER, '/alerts/unmatched');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('status.admin');
      const allowed = await as(SRE, '/alerts/unmatched');
      expect(allowed.status).toBe(200);
      expect(allowed.body.alerts[0].candidates).toContain(
        'component:default/auth-service',
      );
      const sources = await as(READER, '/alerts/sources');
      expect(sources.status).toBe(200);

      // PagerDuty refuses the on-call read: everyone learns that, only admins why
      backend.sim.faults.endpoints['/oncalls'] = { mode: 'error', status: 403 };
      await backend.scheduler.triggerTask('status-pagerduty-sync');
      const oncallsOf = async (user: string) =>
        (
          await as(user, '/entities/component/default/login-api')
        ).body.freshness.pagerDuty.parts.find((p: any) => p.part === 'oncalls');
      expect((await oncallsOf(READER)).lastError).toBe(
        'PagerDuty answered HTTP 403 (details for status admins)',
      );
      expect((await oncallsOf(SRE)).lastError).toMatch(
        /^PagerDuty answered 403 to GET \/oncalls/,
      );
      const summary = await as(READER, '/summary');
      expect(JSON.stringify(summary.body.freshness)).not.toContain('/oncalls');
      delete backend.sim.faults.endpoints['/oncalls'];
    });

    it('pushes no entity ref to anyone, and gives entity channels only to their readers', async () => {
      const channels = new Map<string, string>();
      for (const name of ['checkout', 'cart', 'login-api', 'profile-api']) {
        const res = await as(READER, `/entities/component/default/${name}`);
        channels.set(name, res.body.liveChannel);
      }
      const authChannel = (
        await as(IDENTITY_DEV, '/entities/component/default/auth-service')
      ).body.liveChannel;
      expect(authChannel).toMatch(/^status:[\w-]{32}$/);
      expect([...channels.values()]).not.toContain(authChannel);
      // the same entity has the same channel whoever reads it
      expect(
        (await as(SRE, '/entities/component/default/checkout')).body
          .liveChannel,
      ).toBe(channels.get('checkout'));

      backend.published.length = 0;
      await request(backend.server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', `Bearer ${ALERT_SECRET}`)
        .send(
          alertmanagerGroup({
            fingerprint: 'edge-1',
            status: 'resolved',
            extraLabels: { team: 'shared-edge' },
          }),
        )
        .expect(202);
      await waitForExpect(() =>
        expect(backend.published.map(p => p.channel)).toContain(authChannel),
      );
      for (const { message } of backend.published) {
        expect(Object.keys(message as object).sort()).toEqual([
          'at',
          'scope',
          'type',
        ]);
      }
      expectNothingHidden(backend.published);
    });
  });
});
