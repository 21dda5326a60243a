import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { describePartFreshness } from '@status-layer/plugin-status-common';
import { captureLogs } from '../../__testUtils__/capturedLogs';
import { createTestDatabases } from '../../__testUtils__/databases';
import { createStatusStack } from '../../__testUtils__/statusStack';
import { partFreshness } from '../../engine/freshness';
import { PagerDutyRestClient } from '../PagerDutyRestClient';
import { ClientCredentialsAuthorization } from './ClientCredentialsAuthorization';
import { PAGERDUTY_OAUTH_SCOPES } from './scopes';

jest.setTimeout(60_000);

const APP = {
  clientId: 'status-app',
  clientSecret: 'the-client-secret-of-the-status-app',
};
const HOUR_MS = 3_600_000;

describe('PagerDuty Scoped OAuth (client credentials) against the simulator', () => {
  let sim: PagerDutySimulator;
  let nowMs = Date.now();
  const now = () => nowMs;

  beforeEach(async () => {
    nowMs = Date.now();
    sim = await startPagerDutySimulator({
      seed: 11,
      historyDays: 1,
      now: () => new Date(nowMs),
      oauth: {
        apps: [{ ...APP, scopes: [...PAGERDUTY_OAUTH_SCOPES] }],
        tokenLifetimeSeconds: 3600,
      },
    });
  });
  afterEach(() => sim.close());

  const clientFor = (
    app = APP,
    logger: LoggerService = mockServices.logger.mock(),
    onSecret?: (secret: string) => void,
  ) =>
    new PagerDutyRestClient({
      apiBaseUrl: sim.url,
      logger,
      maxRetries: 0,
      authorization: new ClientCredentialsAuthorization({
        app: {
          ...app,
          subdomain: 'meridian',
          region: 'us',
          tokenUrl: `${sim.url}/oauth/token`,
        },
        scopes: PAGERDUTY_OAUTH_SCOPES,
        logger,
        onSecret,
        now,
      }),
    });
  const readServices = (client: PagerDutyRestClient) =>
    client.list<any>('/services', {}, 'services');

  it('fetches one token for many requests, and a new one before it expires', async () => {
    const client = clientFor();
    await readServices(client);
    await readServices(client);
    expect(sim.oauth.issued).toBe(1);
    // within the last tenth of its life (at most five minutes), still valid
    nowMs += HOUR_MS - 5 * 60_000 + 1_000;
    await readServices(client);
    expect(sim.oauth.issued).toBe(2);
    expect(await client.grantedScopes()).toEqual(
      new Set(PAGERDUTY_OAUTH_SCOPES),
    );
  });

  it('after a 401 (a token that ended early) fetches a new token once and sends again', async () => {
    const client = clientFor();
    await readServices(client);
    sim.oauth.expireAll();
    const sentBefore = client.requestsSent;
    expect((await readServices(client)).length).toBeGreaterThan(0);
    expect(sim.oauth.issued).toBe(2);
    expect(client.requestsSent - sentBefore).toBe(2);
  });

  it('a wrong secret is an error naming what to check, never the secret, and is not asked again for 30 s', async () => {
    const logs = captureLogs();
    const wrong = { ...APP, clientSecret: 'a-wrong-secret-of-the-app' };
    const client = clientFor(wrong, logs.root);
    const failure = await readServices(client).catch(e => e);
    expect(failure.message).toBe(
      'PagerDuty issued no OAuth token (invalid_client: Client authentication failed); check status.pagerDuty.oauth.clientId and clientSecret, and that the app status-app is not revoked',
    );
    expect(JSON.stringify(logs.lines)).not.toContain(wrong.clientSecret);
    // the app now has this secret, but the refusal holds for 30 s
    sim.oauth.register({ ...wrong, scopes: [...PAGERDUTY_OAUTH_SCOPES] });
    await expect(readServices(client)).rejects.toThrow(/invalid_client/);
    expect(sim.oauth.issued).toBe(0);
    nowMs += 30_001;
    await readServices(client);
    expect(sim.oauth.issued).toBe(1);
  });

  it('hands every token to the log redactor and logs none', async () => {
    const logs = captureLogs();
    const secrets: string[] = [];
    const client = clientFor(APP, logs.root, s => secrets.push(s));
    await readServices(client);
    expect(secrets).toHaveLength(1);
    // the token's arrival is logged, without the token
    expect(logs.text()).toContain('holds a token for as_account-us.meridian');
    expect(JSON.stringify(logs.lines)).not.toContain(secrets[0]);
    expect(JSON.stringify(logs.lines)).not.toContain(APP.clientSecret);
  });

  describe.each(createTestDatabases().eachSupportedId())('a sync on %p', id => {
    const databases = createTestDatabases();
    const stack = async () =>
      createStatusStack({
        knex: await databases.init(id),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        oauth: APP,
      });
    const freshness = async (
      store: Awaited<ReturnType<typeof stack>>['store'],
      part: 'oncalls' | 'services',
    ) =>
      partFreshness(await store.listSources(), 'default', part, {
        now: new Date(nowMs),
        syncIntervalMs: 60_000,
        staleAfterMissedSyncs: 3,
      });

    it('with a scope missing: that part alone is left out, stale, naming the scope; the others are fresh', async () => {
      sim.oauth.setScopes(
        APP.clientId,
        PAGERDUTY_OAUTH_SCOPES.filter(s => s !== 'oncalls.read'),
      );
      const { store, sync } = await stack();
      const result = await sync.syncOnce();
      const lacking = 'the PagerDuty app lacks the scope `oncalls.read`';
      expect(result.parts.filter(p => !p.ok)).toEqual([
        { part: 'oncalls', ok: false, skipped: true, error: lacking },
      ]);
      const oncalls = await freshness(store, 'oncalls');
      expect(oncalls).toMatchObject({ stale: true, skipped: true });
      expect(describePartFreshness(oncalls, iso => iso)).toBe(
        `On-call unknown: not read yet, because ${lacking}`,
      );
      expect(sim.refusedRequests).toEqual([]);
      expect((await freshness(store, 'services')).stale).toBe(false);
    });

    it('with the app revoked: every part fails at once, saying what to check', async () => {
      const { store, sync } = await stack();
      expect((await sync.syncOnce()).parts.every(p => p.ok)).toBe(true);
      sim.oauth.revoke(APP.clientId);
      const result = await sync.syncOnce();
      expect(result.parts.length).toBeGreaterThan(0);
      // those read per open incident are left out, saying so; the rest fail saying why
      const skipped = result.parts.filter(p => p.skipped);
      expect(skipped.map(p => p.part).sort()).toEqual(['alerts', 'notes']);
      for (const part of skipped)
        expect(part.error).toContain('the open incidents could not be read');
      // no major incident's log was due: that part sent nothing, and failed nothing
      expect(result.logReads).toBe(0);
      const failed = result.parts.filter(
        p => !p.skipped && p.part !== 'timelines',
      );
      expect(failed.length).toBeGreaterThan(0);
      for (const part of failed) {
        expect(part).toMatchObject({
          ok: false,
          error: expect.stringContaining('invalid_client'),
        });
      }
      const services = await freshness(store, 'services');
      expect(services.lastError).toContain('is not revoked');
    });
  });
});
