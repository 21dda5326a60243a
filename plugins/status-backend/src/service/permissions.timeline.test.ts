import { mockCredentials } from '@backstage/backend-test-utils';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  HIDDEN_MIDDLE,
  IDENTITY_DEV,
  READER,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

// Incident timelines under the restricted policy: the reader may not read
// auth-service (the hidden root cause of checkout's outage) nor ledger-api
// (the hidden middle between payments and invoices).
describe('incident timelines under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const idOf = (title: string) =>
      [...backend.sim.state.incidents.values()].find(i => i.title === title)!
        .id;
    const timeline = (user: string, title: string) =>
      backend.as(user, `/incidents/default/${idOf(title)}/timeline`);
    const write = (
      method: 'put' | 'delete',
      user: string,
      title: string,
      body?: object,
    ) =>
      request(backend.server)
        [method](`/api/status/incidents/default/${idOf(title)}/postmortem`)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body);

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        prepare: sim => {
          sim.state.trigger({
            service: 'PCHECK1',
            title: 'Orders stuck',
            urgency: 'high',
          });
        },
      });
      // the levels each incident caused are recorded
      await waitForExpect(async () => {
        const res = await timeline(SRE, HIDDEN_MIDDLE.incidentTitle);
        const impacted = (res.body.impact ?? []).map((i: any) => i.entityRef);
        if (res.status !== 200 || !impacted.includes(HIDDEN_MIDDLE.dependent))
          throw new Error(`not recorded yet: ${res.status} ${impacted}`);
      });
    });
    afterAll(() => backend?.sim.close());

    it('answers a hidden root cause’s incident as missing, for reading and for linking a postmortem', async () => {
      const hidden = await timeline(READER, 'Token signing keys expired');
      expect(hidden.status).toBe(404);
      backend.expectNothingHidden(hidden.body);
      const missing = await backend.as(
        READER,
        '/incidents/default/PNOSUCH/timeline',
      );
      expect(missing.status).toBe(404);
      // the same words as for an incident that does not exist
      expect(
        hidden.body.error.message.replace(
          idOf('Token signing keys expired'),
          'ID',
        ),
      ).toBe(missing.body.error.message.replace('PNOSUCH', 'ID'));
      const link = await write('put', READER, 'Token signing keys expired', {
        url: 'https://wiki.example.com/postmortems/1',
      });
      expect(link.status).toBe(404);
      // its readers see it whole, the deploy before it included
      const sre = await timeline(SRE, 'Token signing keys expired');
      expect(sre.status).toBe(200);
      expect(sre.body.entries.map((e: any) => e.text)).toContain(
        'Deployed auth-service v2.14.0',
      );
    });

    it('shows a visible incident whose upstream is hidden without naming the upstream or its deploy', async () => {
      const res = await timeline(READER, 'Orders stuck');
      expect(res.status).toBe(200);
      backend.expectNothingHidden(res.body);
      expect(res.body.incident).toMatchObject({
        title: 'Orders stuck',
        entityRefs: ['component:default/checkout'],
        major: true,
      });
      expect(res.body.entries.map((e: any) => e.kind)).toContain('triggered');
      // its own impact, from its own incident: no upstream named
      expect(res.body.impact).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/checkout',
          path: ['component:default/checkout'],
        }),
      ]);
    });

    it('counts a hidden entity in the middle of the impact only, and masks it in paths', async () => {
      const res = await timeline(READER, HIDDEN_MIDDLE.incidentTitle);
      expect(res.status).toBe(200);
      backend.expectNothingHidden(res.body);
      const invoices = res.body.impact.find(
        (i: any) => i.entityRef === HIDDEN_MIDDLE.dependent,
      );
      expect(invoices.path).toEqual([
        HIDDEN_MIDDLE.root,
        HIDDEN_ENTITY_REF,
        HIDDEN_MIDDLE.dependent,
      ]);
      expect(res.body.hiddenImpact).toBeGreaterThanOrEqual(1);
      const sre = await timeline(SRE, HIDDEN_MIDDLE.incidentTitle);
      expect(
        sre.body.impact.find(
          (i: any) => i.entityRef === HIDDEN_MIDDLE.dependent,
        ).path,
      ).toEqual([
        HIDDEN_MIDDLE.root,
        HIDDEN_MIDDLE.middle,
        HIDDEN_MIDDLE.dependent,
      ]);
      expect(sre.body.impact.length).toBe(
        res.body.impact.length + res.body.hiddenImpact,
      );
    });

    it('lists past major incidents without a hidden root cause, and counts hidden reach without naming it', async () => {
      const company = await backend.as(READER, '/incidents/major');
      expect(company.status).toBe(200);
      backend.expectNothingHidden(company.body);
      const titles = company.body.incidents.map((i: any) => i.title);
      expect(titles).toEqual(
        expect.arrayContaining([HIDDEN_MIDDLE.incidentTitle, 'Orders stuck']),
      );
      expect(titles).not.toContain('Token signing keys expired');
      const payments = company.body.incidents.find(
        (i: any) => i.title === HIDDEN_MIDDLE.incidentTitle,
      );
      const sre = await backend.as(SRE, '/incidents/major');
      expect(sre.body.incidents.map((i: any) => i.title)).toContain(
        'Token signing keys expired',
      );
      // the reach counts the hidden middle for every reader alike
      expect(payments.blastRadius).toEqual(
        sre.body.incidents.find(
          (i: any) => i.title === HIDDEN_MIDDLE.incidentTitle,
        ).blastRadius,
      );
      // a hidden entity's own list answers as missing; searching narrows
      expect(
        (
          await backend.as(
            READER,
            '/incidents/major?entityRef=component:default/auth-service',
          )
        ).status,
      ).toBe(404);
      const searched = await backend.as(READER, '/incidents/major?q=orders');
      expect(searched.body.incidents.map((i: any) => i.title)).toEqual([
        'Orders stuck',
      ]);
      const system = await backend.as(
        READER,
        '/incidents/major?entityRef=system:default/shop-system',
      );
      expect(system.status).toBe(200);
      backend.expectNothingHidden(system.body);
      expect(system.body.incidents.map((i: any) => i.title)).toEqual(
        expect.arrayContaining([HIDDEN_MIDDLE.incidentTitle, 'Orders stuck']),
      );
      expect(
        (await backend.as(READER, '/incidents/major?days=9999')).status,
      ).toBe(400);
    });

    it('lets the owning team link a postmortem, and nobody else', async () => {
      // identity does not own checkout: refused
      const stranger = await write('put', IDENTITY_DEV, 'Orders stuck', {
        url: 'https://wiki.example.com/postmortems/orders',
      });
      expect(stranger.status).toBe(403);
      // bounded input, said plainly
      const bad = await write('put', READER, 'Orders stuck', {
        url: 'ftp://files.example.com/postmortem.txt',
      });
      expect(bad.status).toBe(400);
      // shop owns checkout
      const set = await write('put', READER, 'Orders stuck', {
        url: 'https://wiki.example.com/postmortems/orders',
        title: 'Orders stuck after login failures',
      });
      expect(set.status).toBe(200);
      const res = await timeline(READER, 'Orders stuck');
      expect(res.body.postmortem).toMatchObject({
        url: 'https://wiki.example.com/postmortems/orders',
        source: 'portal',
        setBy: READER,
      });
      expect((await write('delete', READER, 'Orders stuck')).status).toBe(204);
      expect((await timeline(READER, 'Orders stuck')).body.postmortem).toBe(
        null,
      );
    });
  });
});
