import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_MIDDLE,
  IDENTITY_DEV,
  NEWCOMER,
  READER,
  RestrictedStatusBackend,
  SECRET_WORDS,
  startRestrictedStatusBackend,
  VETERAN,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

const CART_KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const CHECKOUT = 'component:default/checkout';
const CART = 'component:default/cart';

/** The reader is Sam, a PagerDuty user; the veteran's address is unknown to PagerDuty. */
function withReporters(organisation: Entity[]): Entity[] {
  const user = (name: string, email: string, displayName: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email, displayName }, memberOf: ['group:default/shop'] },
  });
  return [
    ...organisation
      .filter(e => !(e.kind === 'User' && e.metadata.name === 'veteran'))
      .map(e =>
        e.metadata.name === 'cart'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  ...e.metadata.annotations,
                  'pagerduty.com/integration-key': CART_KEY,
                },
              },
            }
          : e,
      ),
    user('reader', 'sam@example.com', 'Sam Shop'),
    user('veteran', 'veteran@example.com', 'Vera Veteran'),
  ];
}

// Reporting a problem under the restricted policy: the reader may not read
// auth-service (the hidden root cause of checkout's outage) nor ledger-api
// (the hidden middle between payments and invoices); the newcomer may not
// report at all.
describe('reporting a problem under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const report = (user: string, body: object) =>
      request(backend.server)
        .post('/api/status/reports')
        .set('Authorization', mockCredentials.user.header(user))
        .send({ description: 'Orders fail at the payment step', ...body });
    const targetOf = (user: string, target: string, affected: string) =>
      backend.as(
        user,
        `/reports/target?target=${encodeURIComponent(
          target,
        )}&affected=${encodeURIComponent(affected)}`,
      );
    const simIncidents = () => [...backend.sim.state.incidents.values()];
    const samId = () =>
      [...backend.sim.state.users.values()].find(
        u => u.email === 'sam@example.com',
      )!.id;

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        entities: withReporters,
        services: [
          {
            serviceId: 'PCART01',
            entityName: 'cart',
            description: 'Carts',
            ownerGroup: 'shop',
            integrationKey: CART_KEY,
          },
        ],
        status: { reports: { maxPerUserPerHour: 3 } },
      });
    });
    afterAll(() => backend?.sim.close());

    it('a hidden root cause can be neither looked up nor reported, in the words of one that does not exist', async () => {
      const before = simIncidents().length;
      const hidden = await targetOf(
        READER,
        'component:default/auth-service',
        CHECKOUT,
      );
      const missing = await targetOf(
        READER,
        'component:default/nope',
        CHECKOUT,
      );
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.message.replace('auth-service', 'X')).toBe(
        missing.body.error.message.replace('nope', 'X'),
      );
      const sent = await report(READER, {
        target: 'component:default/auth-service',
        affected: CHECKOUT,
      });
      expect(sent.status).toBe(404);
      // nor as the affected entity
      const asAffected = await report(READER, {
        target: CHECKOUT,
        affected: HIDDEN_MIDDLE.middle,
      });
      expect(asAffected.status).toBe(404);
      expect(simIncidents()).toHaveLength(before);
      const auth = simIncidents().find(
        i => i.title === 'Token signing keys expired',
      )!;
      expect(auth.notes ?? []).toEqual([]);
    });

    it('shows the open incident of a root reached through a hidden middle, refuses paging again and adds a note that names nothing hidden', async () => {
      const target = await targetOf(
        READER,
        HIDDEN_MIDDLE.root,
        HIDDEN_MIDDLE.dependent,
      );
      expect(target.status).toBe(200);
      expect(target.body).toMatchObject({
        path: [HIDDEN_MIDDLE.dependent, HIDDEN_ENTITY_REF, HIDDEN_MIDDLE.root],
        means: 'incident',
        allowed: true,
        urgencies: ['low', 'high'],
      });
      expect(target.body.openIncidents.map((i: any) => i.title)).toEqual([
        HIDDEN_MIDDLE.incidentTitle,
      ]);
      // shop's fraud-rules depends on payments too, but only SREs may read it: not offered
      expect(target.body.affectedChoices.map((c: any) => c.entityRef)).toEqual([
        HIDDEN_MIDDLE.dependent,
      ]);
      backend.expectNothingHidden(target.body);

      const again = await report(READER, {
        target: HIDDEN_MIDDLE.root,
        affected: HIDDEN_MIDDLE.dependent,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(HIDDEN_MIDDLE.incidentTitle);
      expect(again.body.error.message).toContain('instead of paging again');

      const incident = target.body.openIncidents[0];
      const noted = await report(READER, {
        target: HIDDEN_MIDDLE.root,
        affected: HIDDEN_MIDDLE.dependent,
        incident: { account: incident.account, id: incident.id },
      });
      expect(noted.status).toBe(200);
      expect(noted.body).toMatchObject({
        kind: 'note',
        incident: { id: incident.id },
      });
      const notes = backend.sim.state.incidents.get(incident.id)!.notes!;
      expect(notes).toHaveLength(1);
      expect(notes[0].userId).toBe(samId());
      expect(notes[0].content).toBe(
        'Also affecting invoices via 1 more service: Orders fail at the payment step\n\nReported in Backstage by Sam Shop <sam@example.com>.',
      );
      for (const word of SECRET_WORDS)
        expect(notes[0].content).not.toContain(word);
    });

    it("offers the reader's other entities that depend on the target as the affected one", async () => {
      const target = await targetOf(
        IDENTITY_DEV,
        'component:default/auth-service',
        'component:default/login-api',
      );
      expect(target.status).toBe(200);
      expect(target.body.affectedChoices.map((c: any) => c.entityRef)).toEqual([
        'component:default/login-api',
        'resource:default/session-db',
      ]);
    });

    it('opens an incident as the reporter, shows it at once, and tells a second reporter to join it', async () => {
      // the veteran is not a PagerDuty user, and checkout has no integration key
      const stranger = await report(VETERAN, {
        target: CHECKOUT,
        affected: CHECKOUT,
      });
      expect(stranger.status).toBe(409);
      expect(stranger.body.error.message).toContain(
        "veteran@example.com is not a PagerDuty user's address",
      );

      const opened = await report(READER, {
        target: CHECKOUT,
        affected: CHECKOUT,
        urgency: 'high',
      });
      expect(opened.status).toBe(201);
      expect(opened.body.kind).toBe('incident');
      expect(opened.body.incident.title).toBe(
        'checkout: Orders fail at the payment step (reported in Backstage)',
      );
      const inPagerDuty = backend.sim.state.incidents.get(
        opened.body.incident.id,
      )!;
      expect(inPagerDuty).toMatchObject({
        urgency: 'high',
        status: 'triggered',
      });
      expect(inPagerDuty.logEntries[0].agent).toEqual({
        type: 'user',
        id: samId(),
      });
      expect(inPagerDuty.details).toContain(
        'Reported in Backstage by Sam Shop <sam@example.com>',
      );

      // stored at once, without waiting for a sync
      const shown = await targetOf(VETERAN, CHECKOUT, CHECKOUT);
      expect(shown.body.openIncidents.map((i: any) => i.id)).toEqual([
        opened.body.incident.id,
      ]);
      const second = await report(VETERAN, {
        target: CHECKOUT,
        affected: CHECKOUT,
      });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toContain(
        `#${inPagerDuty.number} checkout: Orders fail`,
      );
    });

    it('goes through the integration key for a reporter PagerDuty does not know, and says whom to contact when nothing can page', async () => {
      const target = await targetOf(VETERAN, CART, CART);
      expect(target.body).toMatchObject({ means: 'event', openIncidents: [] });
      const sent = await report(VETERAN, { target: CART, affected: CART });
      expect(sent.status).toBe(201);
      expect(sent.body).toEqual({
        kind: 'event',
        dedupKey: 'status-report:component:default/cart',
      });
      const triggered = simIncidents().filter(
        i => i.incidentKey === 'status-report:component:default/cart',
      );
      expect(triggered).toHaveLength(1);
      expect(triggered[0]).toMatchObject({
        serviceId: 'PCART01',
        urgency: 'low',
      });
      expect(triggered[0].details).toContain('Vera Veteran');

      const nowhere = await report(VETERAN, {
        target: 'component:default/login-api',
        affected: CHECKOUT,
      });
      expect(nowhere.status).toBe(409);
      expect(nowhere.body.error.message).toContain(
        'has no PagerDuty service nor integration key',
      );
    });

    it('lets only holders of status.incident.create report, each within their hourly limit', async () => {
      const target = await targetOf(NEWCOMER, CHECKOUT, CHECKOUT);
      expect(target.body).toMatchObject({
        allowed: false,
        notAllowedReason: 'permission',
      });
      const refused = await report(NEWCOMER, { target: CART, affected: CART });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('status.incident.create');

      // three reports an hour reach PagerDuty; the fourth is refused
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await report(IDENTITY_DEV, { target: CART, affected: CART })).status,
        );
      expect(statuses).toEqual([201, 201, 201]);
      const limited = await report(IDENTITY_DEV, {
        target: CART,
        affected: CART,
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.error.message).toContain(
        '3 reports in the last hour',
      );
      // PagerDuty deduplicated the three into the veteran's one incident
      expect(
        simIncidents().filter(
          i => i.incidentKey === 'status-report:component:default/cart',
        ),
      ).toHaveLength(1);
    });

    it('refuses what it cannot send, saying why', async () => {
      const empty = await report(READER, {
        target: CART,
        affected: CART,
        description: '   ',
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toContain('say what you see');
      const long = await report(READER, {
        target: CART,
        affected: CART,
        description: 'x'.repeat(2_001),
      });
      expect(long.status).toBe(400);
      const badRef = await report(READER, {
        target: 'not a ref',
        affected: CART,
      });
      expect(badRef.status).toBe(400);
    });
  });
});
