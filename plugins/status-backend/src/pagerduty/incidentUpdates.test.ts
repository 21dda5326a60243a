import {
  addIncidentNote,
  PagerDutySimulator,
  publishStatusUpdate,
} from '@internal/pagerduty-simulator';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(90_000);

const SECRET = 'incident-updates-secret';
const MINUTE = 60_000;

/** Collects the raw bodies of the webhooks the simulator sends. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      bodies.push(raw);
      res.statusCode = 202;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Notes, status updates and probable symptoms, from the simulator through the backend's API. */
describe('incident updates and symptoms', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let server: any;
    // the backend's tasks: run at start-up, then when a test triggers them
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: object): ServiceFactory;
      triggerTask(id: string): Promise<void>;
    };
    afterEach(async () => {
      await sim?.close();
      await receiver?.close();
    });

    const get = (path: string) => request(server).get(`/api/status${path}`);

    async function start(
      beforeBackend: (
        login: ReturnType<typeof triggerLoginOutage>,
      ) => void = () => {},
    ) {
      sim = await startShopSimulator();
      receiver = await startReceiver();
      sim.webhooks.subscribe({
        url: receiver.url,
        events: ['incident.annotated', 'incident.status_update_published'],
        filter: { type: 'account_reference' },
      });
      const login = triggerLoginOutage(sim);
      beforeBackend(login);
      server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
        features: [
          scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
        ],
        config: {
          status: {
            pagerDuty: {
              apiToken: 'simulator-token',
              apiBaseUrl: sim.url,
              webhookSecrets: [SECRET],
            },
          },
        },
      });
      await waitForExpect(async () => {
        const res = await get('/entities/component/default/auth-service');
        expect(res.body.incidents?.[0]?.id).toBe(login.id);
      });
      return login;
    }
    /** Sends what the simulator sent, signed as PagerDuty signs it. */
    const replay = (body: string) =>
      request(server)
        .post('/api/status/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set(
          'X-PagerDuty-Signature',
          `v1=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        )
        .send(body);

    it('shows the notes and status updates PagerDuty sends by webhook, newest first, on the incident and under root causes', async () => {
      const login = await start();
      const [responder, lead] = [...sim.state.users.values()];
      addIncidentNote(sim.state, login.id, {
        content: 'Rolling back auth-service to v2.13.4',
        userId: responder.id,
        at: new Date(Date.now() - 2 * MINUTE),
      });
      publishStatusUpdate(sim.state, login.id, {
        message: 'Logins fail for 30% of users; rollback under way',
        userId: lead.id,
      });
      await waitForExpect(() => expect(receiver.bodies).toHaveLength(2));
      for (const body of receiver.bodies) await replay(body).expect(202);

      await waitForExpect(async () => {
        const res = await get('/entities/component/default/auth-service');
        expect(res.body.incidents[0].updates).toEqual([
          expect.objectContaining({
            kind: 'status_update',
            author: lead.name,
            message: 'Logins fail for 30% of users; rollback under way',
          }),
          expect.objectContaining({
            kind: 'note',
            author: responder.name,
            message: 'Rolling back auth-service to v2.13.4',
          }),
        ]);
      });
      const dependent = await get('/entities/component/default/cart-api');
      expect(dependent.body.rootCauses[0].incidents[0].updates).toHaveLength(2);
      const feed = await get('/incidents');
      expect(
        feed.body.incidents.find((i: any) => i.id === login.id).updates,
      ).toHaveLength(2);
    });

    it('reads the notes of open incidents when no webhook brought them', async () => {
      // written while the backend was down: no webhook reaches it
      await start(login =>
        addIncidentNote(sim.state, login.id, {
          content: 'Paged the identity team lead',
        }),
      );
      const res = await get('/entities/component/default/auth-service');
      expect(res.body.incidents[0].updates).toEqual([
        expect.objectContaining({
          kind: 'note',
          message: 'Paged the identity team lead',
        }),
      ]);
      expect(
        res.body.freshness.pagerDuty.parts.find((p: any) => p.part === 'notes'),
      ).toMatchObject({ lastError: null, stale: false });
    });

    it('refuses update events it cannot apply with a 400 naming the field', async () => {
      await start();
      const event = (data: object) =>
        JSON.stringify({
          event: {
            id: '01UPDATE',
            event_type: 'incident.annotated',
            resource_type: 'incident',
            occurred_at: new Date().toISOString(),
            agent: null,
            data,
          },
        });
      const wrongType = await replay(
        event({ id: 'PNOTE1', type: 'incident', incident: { id: 'PINC1' } }),
      );
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.message).toMatch(/not "incident_note"/);
      const noIncident = await replay(
        event({ id: 'PNOTE1', type: 'incident_note', content: 'x' }),
      );
      expect(noIncident.status).toBe(400);
      expect(noIncident.body.error.message).toMatch(
        /event\.data\.incident\.id/,
      );
    });

    it('groups a dependent incident opened during the outage under the upstream one, and says why', async () => {
      const login = await start();
      const symptom = sim.state.trigger({
        service: 'PCART00',
        title: 'Checkout errors',
        at: new Date(login.createdAt.getTime() + 3 * MINUTE),
      });
      const unrelated = sim.state.trigger({
        service: 'PSHOP00',
        title: 'Images slow',
        at: new Date(login.createdAt.getTime() - 30 * MINUTE),
      });
      await scheduler.triggerTask('status-pagerduty-sync');
      await waitForExpect(async () => {
        const res = await get('/entities/component/default/cart-api');
        expect(res.body.incidents[0]).toMatchObject({
          id: symptom.id,
          symptomOf: {
            incidentId: login.id,
            entityRef: 'component:default/auth-service',
            title: 'Login failing',
            // as data, for a page to word in its reader's language
            upstreamNumber: login.number,
            afterMs: 3 * MINUTE,
            path: [
              'component:default/cart-api',
              'component:default/membership-api',
              'component:default/auth-service',
            ],
            explanation: `Opened 3 min after auth-service's incident #${login.number}; cart-api depends on auth-service via membership-api.`,
          },
        });
      });
      const feed = (await get('/incidents')).body.incidents;
      expect(
        feed.find((i: any) => i.id === symptom.id).symptomOf.incidentId,
      ).toBe(login.id);
      // opened long before the upstream failed: its own problem
      expect(
        feed.find((i: any) => i.id === unrelated.id).symptomOf,
      ).toBeUndefined();
      expect(
        feed.find((i: any) => i.id === login.id).symptomOf,
      ).toBeUndefined();
    });
  });
});
