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

const MINUTE = 60_000;

// An incident that opens while an upstream fails is "probably a symptom" of
// it. The reader may not see the root cause (checkout → login-api →
// auth-service) or an entity in the middle of the path (invoices →
// ledger-api → payments): what a page words from the data must name neither.
describe('symptoms under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        services: [
          {
            serviceId: 'PINV001',
            entityName: 'invoices',
            description: 'Sends invoices',
            ownerGroup: 'shop',
          },
        ],
        entities: organisation =>
          organisation.map(e =>
            e.metadata.name === 'invoices'
              ? {
                  ...e,
                  metadata: {
                    ...e.metadata,
                    annotations: {
                      ...e.metadata.annotations,
                      'pagerduty.com/service-id': 'PINV001',
                    },
                  },
                }
              : e,
          ),
        // each opens two minutes after its upstream's P1
        prepare: sim => {
          const after = (title: string) =>
            new Date(
              [...sim.state.incidents.values()]
                .find(i => i.title === title)!
                .createdAt.getTime() +
                2 * MINUTE,
            );
          sim.state.trigger({
            service: 'PCHECK1',
            title: 'Orders stuck',
            at: after('Token signing keys expired'),
          });
          sim.state.trigger({
            service: 'PINV001',
            title: 'Invoices late',
            at: after(HIDDEN_MIDDLE.incidentTitle),
          });
        },
      });
    });
    afterAll(() => backend?.sim.close());

    const symptomOn = async (user: string, name: string) => {
      let symptom: any;
      await waitForExpect(async () => {
        const res = await backend.as(
          user,
          `/entities/component/default/${name}`,
        );
        expect(res.status).toBe(200);
        symptom = res.body.incidents[0]?.symptomOf;
        expect(symptom).toBeDefined();
        backend.expectNothingHidden(user === READER ? res.body : {});
      });
      return symptom;
    };

    it('tells a hidden root cause only as hidden: no name, incident, number or title', async () => {
      const symptom = await symptomOn(READER, 'checkout');
      expect(symptom).toEqual({
        incidentId: null,
        entityRef: HIDDEN_ENTITY_REF,
        title: null,
        upstreamNumber: null,
        afterMs: 2 * MINUTE,
        path: [
          'component:default/checkout',
          'component:default/login-api',
          HIDDEN_ENTITY_REF,
        ],
        explanation: expect.stringMatching(
          /an upstream you may not see began failing; checkout depends on it\.$/,
        ),
      });
      // its readers see it whole
      const sre = await symptomOn(SRE, 'checkout');
      expect(sre.entityRef).toBe('component:default/auth-service');
      expect(sre.path[2]).toBe('component:default/auth-service');
    });

    it('tells a hidden entity in the middle of the path as hidden, and the visible root cause by name', async () => {
      const symptom = await symptomOn(READER, 'invoices');
      expect(symptom).toMatchObject({
        entityRef: HIDDEN_MIDDLE.root,
        title: HIDDEN_MIDDLE.incidentTitle,
        upstreamNumber: expect.any(Number),
        path: [HIDDEN_MIDDLE.dependent, HIDDEN_ENTITY_REF, HIDDEN_MIDDLE.root],
      });
      expect(symptom.afterMs).toBe(2 * MINUTE);
      expect(symptom.explanation).not.toContain('ledger-api');
      const sre = await symptomOn(SRE, 'invoices');
      expect(sre.path).toEqual([
        HIDDEN_MIDDLE.dependent,
        HIDDEN_MIDDLE.middle,
        HIDDEN_MIDDLE.root,
      ]);
    });
  });
});
