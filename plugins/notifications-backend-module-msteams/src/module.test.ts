import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Notification } from '@backstage/plugin-notifications-common';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import waitForExpect from 'wait-for-expect';
import { notificationsModuleMsTeams } from './module';

jest.setTimeout(60_000);

describe('notificationsModuleMsTeams in a notifications backend', () => {
  let sim: PagerDutySimulator;
  beforeAll(async () => {
    sim = await startPagerDutySimulator({
      historyDays: 0,
      catalog: { services: [], groups: [] },
    });
  });
  afterAll(() => sim.close());

  it('leaves the other processors and the inbox working while Teams fails, and posts once Teams is back', async () => {
    const recorded: Notification[] = [];
    const recording = createBackendModule({
      pluginId: 'notifications',
      moduleId: 'recording',
      register(reg) {
        reg.registerInit({
          deps: { processing: notificationsProcessingExtensionPoint },
          async init({ processing }) {
            processing.addProcessor({
              getName: () => 'Recording',
              postProcess: async notification => {
                recorded.push(notification);
              },
            });
          },
        });
      },
    });
    const logger = mockServices.logger.mock();
    const { server } = await startTestBackend({
      features: [
        notificationsPlugin,
        notificationsModuleMsTeams,
        recording,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'https://portal.example.com' },
            notifications: {
              processors: {
                msteams: {
                  webhooks: {
                    shop: {
                      url: `${sim.url}/teams/workflows/shop/invoke?sig=simulator-signature`,
                    },
                  },
                  retries: 1,
                  retryDelayMs: 0,
                },
              },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: {
                name: 'shop',
                annotations: {
                  'teams.microsoft.com/workflow-webhook': 'shop',
                },
              },
              spec: { type: 'team', children: [] },
              relations: [{ type: 'hasMember', targetRef: 'user:default/ana' }],
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'ana' },
              spec: {},
            },
          ],
        }),
      ],
    });
    const send = (title: string) =>
      fetch(
        `http://localhost:${server.port()}/api/notifications/notifications`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: mockCredentials.service.header(),
          },
          body: JSON.stringify({
            recipients: { type: 'entity', entityRef: 'group:default/shop' },
            payload: { title, severity: 'high' },
          }),
        },
      );

    sim.teams.setFault('shop', { status: 500, times: 2 });
    const failed = await send('payments is down');
    expect(failed.status).toBe(200);
    expect((await failed.json()).map((n: Notification) => n.user)).toEqual([
      'user:default/ana',
    ]);
    await waitForExpect(() => {
      expect(recorded.map(n => n.payload.title)).toEqual(['payments is down']);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'a card for webhook "shop" was not posted after 2 tries: Teams answered 500',
        ),
      );
    });
    expect(sim.teams.list('shop')).toEqual([]);

    const delivered = await send('payments is back');
    expect(delivered.status).toBe(200);
    await waitForExpect(() => {
      expect(
        sim.teams.list('shop').map(c => JSON.stringify(c.card.body)),
      ).toEqual([expect.stringContaining('payments is back')]);
    });
    expect(recorded.map(n => n.payload.title)).toEqual([
      'payments is down',
      'payments is back',
    ]);
  });
});
