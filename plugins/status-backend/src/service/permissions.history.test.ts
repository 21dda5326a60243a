import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
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

describe('history, changes and maintenance under a real permission policy', () => {
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

    it('keeps hidden entities out of the history: 404 for theirs, unnamed as upstreams', async () => {
      for (const path of [
        '/entities/component/default/auth-service/history',
        '/entities/component/default/auth-service/transitions?day=2026-01-01',
      ])
        expect((await as(READER, path)).status).toBe(404);

      const today = new Date().toISOString().slice(0, 10);
      const reader = await as(
        READER,
        '/entities/component/default/checkout/history?days=7',
      );
      expect(reader.status).toBe(200);
      expect(reader.body.days).toHaveLength(7);
      expect(reader.body.days[6].date).toBe(today);
      await waitForExpect(async () => {
        const again = await as(
          READER,
          '/entities/component/default/checkout/history?days=7',
        );
        expect(again.body.days[6].upstreamDowntimeMs).toBeGreaterThan(0);
        expect(again.body.days[6].upstreams[0].ref).toBe(HIDDEN_ENTITY_REF);
        expectNothingHidden(again.body);
      });
      const sre = await as(
        SRE,
        '/entities/component/default/checkout/history?days=7',
      );
      expect(sre.body.days[6].upstreams[0].ref).toBe(
        'component:default/auth-service',
      );

      const day = await as(
        READER,
        `/entities/component/default/checkout/transitions?day=${today}`,
      );
      expect(day.status).toBe(200);
      expect(day.body.transitions.at(-1)).toMatchObject({
        effectiveTo: 'major_outage',
        rootCauses: [
          {
            root: HIDDEN_ENTITY_REF,
            path: [
              'component:default/checkout',
              'component:default/login-api',
              HIDDEN_ENTITY_REF,
            ],
          },
        ],
      });
      expectNothingHidden(day.body);

      // roll-ups average the members the reader may see
      const identity = await as(
        READER,
        '/rollups/group/default/identity/history?days=7',
      );
      expect(identity.status).toBe(200);
      expect(identity.body.members).toBe(1); // login-api, not auth-service
      expect(identity.body.days[6].worst).toBe('major_outage');
      expectNothingHidden(identity.body);
      const identityForSre = await as(
        SRE,
        '/rollups/group/default/identity/history?days=7',
      );
      expect(identityForSre.body.members).toBe(3);
      // a roll-up's day: each change names its member, hidden ones left out
      const identityDay = await as(
        READER,
        `/rollups/group/default/identity/transitions?day=${today}`,
      );
      expect(identityDay.status).toBe(200);
      expect(
        new Set(identityDay.body.transitions.map((t: any) => t.entityRef)),
      ).toEqual(new Set(['component:default/login-api']));
      expectNothingHidden(identityDay.body);
      const identityDayForSre = await as(
        SRE,
        `/rollups/group/default/identity/transitions?day=${today}`,
      );
      expect(
        identityDayForSre.body.transitions.map((t: any) => t.entityRef),
      ).toContain('component:default/auth-service');
      expect(
        (await as(READER, '/rollups/system/default/identity-core/history'))
          .status,
      ).toBe(404);
      expect(
        (await as(SRE, '/rollups/component/default/checkout/history')).status,
      ).toBe(400);

      // incident response: the hidden service's only for its readers
      expect(
        (await as(READER, '/entities/component/default/auth-service/response'))
          .status,
      ).toBe(404);
      const readerTeam = await as(
        READER,
        '/rollups/group/default/identity/response',
      );
      expect(readerTeam.status).toBe(200);
      expect(readerTeam.body.services).toBe(0);
      expect(readerTeam.body.periods[0].current.incidents).toBe(0);
      const sreTeam = await as(SRE, '/rollups/group/default/identity/response');
      expect(sreTeam.body.services).toBe(1);
      expect(sreTeam.body.periods[0].current.incidents).toBe(1);

      // bounded input, refused with a reason
      for (const query of [
        'history?days=0',
        'history?days=401',
        'history?days=ninety',
        'transitions',
        'transitions?day=yesterday',
        'transitions?day=2026-13-45',
      ]) {
        const refused = await as(
          SRE,
          `/entities/component/default/checkout/${query}`,
        );
        expect(refused.status).toBe(400);
        expect(refused.body.error.name).toBe('InputError');
      }
    });

    it('masks a hidden hop in the middle of a path whose root is visible, wherever a stored path is served', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const masked = [
        HIDDEN_MIDDLE.dependent,
        HIDDEN_ENTITY_REF,
        HIDDEN_MIDDLE.root,
      ];
      const invoices = '/entities/component/default/invoices';
      await waitForExpect(async () => {
        const live = await as(READER, invoices);
        expect(live.body.rootCauses).toEqual([
          expect.objectContaining({
            entityRef: HIDDEN_MIDDLE.root,
            path: masked,
          }),
        ]);
        expectNothingHidden(live.body);
      });
      const sreLive = await as(SRE, invoices);
      expect(sreLive.body.rootCauses[0].path).toEqual([
        HIDDEN_MIDDLE.dependent,
        HIDDEN_MIDDLE.middle,
        HIDDEN_MIDDLE.root,
      ]);

      // the day's level changes, stored with the full path
      const day = await as(READER, `${invoices}/transitions?day=${today}`);
      expect(day.status).toBe(200);
      expect(day.body.transitions.at(-1).rootCauses).toEqual([
        expect.objectContaining({ root: HIDDEN_MIDDLE.root, path: masked }),
      ]);
      expectNothingHidden(day.body);
      const sreDay = await as(SRE, `${invoices}/transitions?day=${today}`);
      expect(sreDay.body.transitions.at(-1).rootCauses[0].path).toContain(
        HIDDEN_MIDDLE.middle,
      );

      // the same change in the System's and the owner's roll-up days
      for (const rollup of [
        'system/default/shop-system',
        'group/default/shop',
      ]) {
        const rollupDay = await as(
          READER,
          `/rollups/${rollup}/transitions?day=${today}`,
        );
        expect(rollupDay.status).toBe(200);
        const ofInvoices = rollupDay.body.transitions.filter(
          (t: any) => t.entityRef === HIDDEN_MIDDLE.dependent,
        );
        expect(ofInvoices.at(-1).rootCauses).toEqual([
          expect.objectContaining({ root: HIDDEN_MIDDLE.root, path: masked }),
        ]);
        expectNothingHidden(rollupDay.body);
      }

      // the history's days and the roll-up views name the root, never the hop
      for (const path of [
        `${invoices}/history?days=7`,
        '/rollups/system/default/shop-system',
        '/rollups/system/default/shop-system/history?days=7',
        `${invoices}/changes`,
        '/summary',
        '/incidents',
      ]) {
        const res = await as(READER, path);
        expect(res.status).toBe(200);
        expectNothingHidden(res.body);
      }
    });

    it("lists the changes along an entity's path, counting but never naming hidden upstreams' changes", async () => {
      const reader = await as(
        READER,
        '/entities/component/default/checkout/changes',
      );
      expect(reader.status).toBe(200);
      expect(reader.body).toMatchObject({
        entityRef: 'component:default/checkout',
        hours: 24,
        hiddenChanges: 1,
        truncated: false,
      });
      expect(reader.body.changes).toEqual([
        expect.objectContaining({
          summary: 'Deployed checkout v5.2.0',
          entityRef: 'component:default/checkout',
          path: ['component:default/checkout'],
          links: [
            { href: 'https://ci.example.com/checkout/52', text: 'Build 52' },
          ],
        }),
      ]);
      expect(reader.body.freshness).toEqual([
        expect.objectContaining({
          account: 'default',
          part: 'changes',
          stale: false,
        }),
      ]);
      expectNothingHidden(reader.body);

      // SREs see the hidden upstream's deploy, its path, and the outage that followed it
      const sre = await as(SRE, '/entities/component/default/checkout/changes');
      expect(sre.body.hiddenChanges).toBe(0);
      const auth = sre.body.changes.find(
        (c: any) => c.entityRef === 'component:default/auth-service',
      );
      expect(auth).toMatchObject({
        summary: 'Deployed auth-service v2.14.0',
        path: [
          'component:default/checkout',
          'component:default/login-api',
          'component:default/auth-service',
        ],
        followedBy: {
          entityRef: 'component:default/auth-service',
          level: 'major_outage',
          incident: 'Token signing keys expired',
        },
      });
      // the deploy was six minutes before the P1; the level changed at the sync after it
      expect(auth.followedBy.minutesAfter).toBeGreaterThanOrEqual(5);
      expect(auth.followedBy.minutesAfter).toBeLessThanOrEqual(7);
      // newest first
      expect(sre.body.changes.map((c: any) => c.summary)).toEqual([
        'Deployed auth-service v2.14.0',
        'Deployed checkout v5.2.0',
      ]);

      // the last hour: the checkout deploy, 90 minutes ago, is out
      const lastHour = await as(
        SRE,
        '/entities/component/default/checkout/changes?hours=1',
      );
      expect(lastHour.body.changes.map((c: any) => c.summary)).toEqual([
        'Deployed auth-service v2.14.0',
      ]);
      expect(
        (await as(READER, '/entities/component/default/auth-service/changes'))
          .status,
      ).toBe(404);
      // the day's timeline lists that day's changes too
      const checkoutDay = reader.body.changes[0].at.slice(0, 10);
      const readerDay = await as(
        READER,
        `/entities/component/default/checkout/transitions?day=${checkoutDay}`,
      );
      expect(readerDay.body.changes.map((c: any) => c.summary)).toEqual([
        'Deployed checkout v5.2.0',
      ]);
      expectNothingHidden(readerDay.body);
      const authDay = auth.at.slice(0, 10);
      const sreDay = await as(
        SRE,
        `/entities/component/default/checkout/transitions?day=${authDay}`,
      );
      expect(sreDay.body.changes.map((c: any) => c.summary)).toContain(
        'Deployed auth-service v2.14.0',
      );

      // similar past incidents: the hidden service's only for its readers
      expect(
        (
          await as(
            READER,
            '/entities/component/default/auth-service/similar-incidents',
          )
        ).status,
      ).toBe(404);
      const similar = await as(
        SRE,
        '/entities/component/default/auth-service/similar-incidents',
      );
      expect(similar.status).toBe(200);
      expect(similar.body.incidents.map((i: any) => i.title)).toEqual([
        'Token signing keys expired',
      ]);
      for (const query of ['hours=0', 'hours=169', 'hours=day']) {
        const refused = await as(
          SRE,
          `/entities/component/default/checkout/changes?${query}`,
        );
        expect(refused.status).toBe(400);
        expect(refused.body.error.name).toBe('InputError');
      }
    });

    it("counts each team's incident response only over what the caller may read", async () => {
      const reader = await as(READER, '/response/teams?days=7');
      expect(reader.status).toBe(200);
      expect(reader.body.teams.map((t: any) => t.owner).sort()).toEqual([
        'group:default/payments-team',
        'group:default/shop',
      ]);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, '/response/teams?days=7');
      expect(
        sre.body.teams.find((t: any) => t.owner === 'group:default/identity'),
      ).toMatchObject({ services: 1, current: { incidents: 1 } });
      expect((await as(SRE, '/response/teams?days=8')).status).toBe(400);
    });

    it('lists maintenance only for entities the caller may read', async () => {
      const reader = await as(READER, '/maintenance');
      expect(reader.status).toBe(200);
      expect(reader.body.windows).toEqual([]);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, '/maintenance');
      expect(sre.body.windows).toEqual([
        expect.objectContaining({
          description: 'Rotate signing keys',
          ongoing: false,
          entityRefs: ['component:default/auth-service'],
        }),
      ]);
      expect(
        (await as(READER, '/entities/component/default/auth-service')).status,
      ).toBe(404);
    });
  });
});
