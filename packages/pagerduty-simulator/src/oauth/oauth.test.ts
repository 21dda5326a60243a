import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from '../rest/requestHeaders';

jest.setTimeout(60_000);

const APP = {
  clientId: 'status-app',
  clientSecret: 'a-client-secret-of-the-app',
  scopes: ['services.read', 'incidents.read'],
};
const ACCOUNT_SCOPE = 'as_account-us.meridian';

describe('the simulated token endpoint for Scoped OAuth apps', () => {
  let sim: PagerDutySimulator;
  let nowMs = Date.now();

  beforeEach(async () => {
    nowMs = Date.now();
    sim = await startPagerDutySimulator({
      seed: 5,
      historyDays: 1,
      now: () => new Date(nowMs),
      oauth: { apps: [APP], tokenLifetimeSeconds: 3600 },
    });
  });
  afterEach(() => sim.close());

  const requestToken = async (
    fields: Record<string, string>,
    contentType = 'application/x-www-form-urlencoded',
  ) => {
    const response = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, body: await response.json() };
  };
  const grant = (overrides: Record<string, string> = {}) =>
    requestToken({
      grant_type: 'client_credentials',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      scope: `${ACCOUNT_SCOPE} services.read incidents.read oncalls.read`,
      ...overrides,
    });
  const rest = (path: string, token: string) =>
    fetch(`${sim.url}${path}`, {
      headers: {
        ...pagerDutyRequestHeaders(),
        Authorization: `Bearer ${token}`,
      },
    });

  it('issues a bearer token with the scopes asked for that the app has, and its lifetime', async () => {
    const { status, body } = await grant();
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^pdus\+_/),
      scope: `${ACCOUNT_SCOPE} services.read incidents.read`,
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect((await rest('/services', body.access_token)).status).toBe(200);
  });

  it('answers 403 to an operation whose scope the token lacks, and 200 once the app has it', async () => {
    const { body } = await grant();
    const denied = await rest('/oncalls', body.access_token);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      error: {
        message: 'Access Denied',
        code: 2010,
        errors: ['The access token does not have the required scope'],
      },
    });
    sim.oauth.setScopes(APP.clientId, [...APP.scopes, 'oncalls.read']);
    // the old token keeps the scopes it was issued with
    expect((await rest('/oncalls', body.access_token)).status).toBe(403);
    const renewed = await grant();
    expect((await rest('/oncalls', renewed.body.access_token)).status).toBe(
      200,
    );
  });

  it('refuses a wrong secret, an unknown client and a revoked app with 401 invalid_client', async () => {
    const { body: good } = await grant();
    expect((await grant({ client_secret: 'wrong' })).status).toBe(401);
    expect((await grant({ client_id: 'nobody' })).body.error).toBe(
      'invalid_client',
    );
    sim.oauth.revoke(APP.clientId);
    const revoked = await grant();
    expect(revoked).toEqual({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      },
    });
    // tokens already issued stop working at once
    expect((await rest('/services', good.access_token)).status).toBe(401);
  });

  it('expires tokens after their lifetime', async () => {
    const { body } = await grant();
    nowMs += 3_599_000;
    expect((await rest('/services', body.access_token)).status).toBe(200);
    nowMs += 2_000;
    expect((await rest('/services', body.access_token)).status).toBe(401);
  });

  it('refuses requests its contract does not allow', async () => {
    expect((await grant({ scope: 'services.read' })).body.error).toBe(
      'invalid_request',
    );
    expect(
      (await grant({ scope: 'as_account-eu.meridian services.read' })).body
        .error,
    ).toBe('invalid_scope');
    expect((await grant({ grant_type: 'authorization_code' })).body.error).toBe(
      'unsupported_grant_type',
    );
    const json = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).error_description).toMatch(
      /application\/x-www-form-urlencoded/,
    );
    expect(
      (
        await requestToken({
          grant_type: 'client_credentials',
          client_id: APP.clientId,
        })
      ).body.error_description,
    ).toMatch(/client_secret/);
  });
});
