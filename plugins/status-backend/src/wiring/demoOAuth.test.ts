import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';
import { DEMO_OAUTH_APP } from './pagerDutyConnection';
import { PAGERDUTY_OAUTH_SCOPES } from '../pagerduty/auth/scopes';

jest.setTimeout(60_000);

describe('the demo with status.demo.simulator.oauth', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator;
  beforeEach(async () => {
    sim = await startPagerDutySimulator({
      seed: 42,
      historyDays: 1,
      apiTokens: [],
      oauth: {
        subdomain: DEMO_OAUTH_APP.subdomain,
        apps: [{ ...DEMO_OAUTH_APP, scopes: [...PAGERDUTY_OAUTH_SCOPES] }],
      },
    });
  });
  afterEach(() => sim.close());

  it.each(databases.eachSupportedId())(
    'signs in to its simulator as a Scoped OAuth app and syncs, on %p',
    async databaseId => {
      await startStatusTestBackend({
        knex: await databases.init(databaseId),
        runStartupTasks: true,
        config: {
          backend: { listen: { host: '127.0.0.1' } },
          status: {
            demo: { enabled: true, simulator: { port: sim.port, oauth: true } },
          },
        },
      });
      // the simulator accepts no key: every request it answered came with the app's token
      await waitForExpect(() => {
        expect(sim.operationsRequested).toContain('GET /services');
        expect(sim.operationsRequested).toContain('GET /oncalls');
      }, 30_000);
      expect(sim.oauth.issued).toBe(1);
      expect(sim.refusedRequests).toEqual([]);
    },
  );
});
