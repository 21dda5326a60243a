import { eventsV2 } from './alerts/samples';
import {
  PAGERDUTY_OPENAPI_DOCUMENTS,
  PagerDutyOpenApi,
} from './openapi/PagerDutyOpenApi';
import { pagerDutyRequestHeaders } from './rest/requestHeaders';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from './startPagerDutySimulator';

jest.setTimeout(60_000);

const TOKEN = 'contract-token';
const headers = pagerDutyRequestHeaders(TOKEN);

describe('the simulator keeps the PagerDuty REST API contract', () => {
  let sim: PagerDutySimulator;
  let contract: PagerDutyOpenApi;

  beforeAll(async () => {
    contract = PagerDutyOpenApi.rest();
    sim = await startPagerDutySimulator({
      seed: 7,
      apiTokens: [TOKEN],
      scenario: { name: 'auth-outage', hold: true, startedSecondsAgo: 120 },
    });
    sim.state.startMaintenance({ services: ['search-service'], minutes: 30 });
    const open = sim.state.openIncidents()[0];
    sim.state.escalate(open.id);
  });

  afterAll(() => sim.close());

  async function get(path: string) {
    const response = await fetch(`${sim.url}${path}`, { headers });
    return { status: response.status, body: await response.json() };
  }

  const anIncident = () => sim.state.openIncidents()[0];

  const cases: [string, () => string, string][] = [
    [
      '/services',
      () =>
        '/services?include[]=escalation_policies&include[]=teams&total=true',
      'services',
    ],
    ['/services', () => '/services?limit=5&offset=10', 'services'],
    [
      '/services/{id}',
      () => `/services/${anIncident().serviceId}?include[]=escalation_policies`,
      'service',
    ],
    [
      '/incidents',
      () =>
        '/incidents?statuses[]=triggered&statuses[]=acknowledged&include[]=services&include[]=assignees&include[]=priorities',
      'incidents',
    ],
    [
      '/incidents',
      () =>
        '/incidents?date_range=all&sort_by=created_at:desc&limit=100&total=true',
      'incidents',
    ],
    [
      '/incidents',
      () =>
        '/incidents?urgencies[]=high&include[]=first_trigger_log_entries&include[]=escalation_policies&include[]=teams&include[]=acknowledgers',
      'incidents',
    ],
    ['/incidents/{id}', () => `/incidents/${anIncident().id}`, 'incident'],
    [
      '/incidents/{id}/alerts',
      () => `/incidents/${anIncident().id}/alerts`,
      'alerts',
    ],
    [
      '/incidents/{id}/log_entries',
      () => `/incidents/${anIncident().id}/log_entries?is_overview=false`,
      'log_entries',
    ],
    ['/log_entries', () => '/log_entries?limit=100', 'log_entries'],
    [
      '/oncalls',
      () => '/oncalls?earliest=true&include[]=users&limit=100',
      'oncalls',
    ],
    [
      '/oncalls',
      () =>
        `/oncalls?escalation_policy_ids[]=${
          [...sim.state.escalationPolicies.keys()][0]
        }`,
      'oncalls',
    ],
    [
      '/escalation_policies',
      () => '/escalation_policies?include[]=teams',
      'escalation_policies',
    ],
    [
      '/maintenance_windows',
      () => '/maintenance_windows?filter=ongoing',
      'maintenance_windows',
    ],
    ['/priorities', () => '/priorities', 'priorities'],
    [
      '/change_events',
      () =>
        `/change_events?since=${new Date(
          Date.now() - 86_400_000,
        ).toISOString()}&until=${new Date().toISOString()}&limit=100`,
      'change_events',
    ],
    [
      '/services/{id}/change_events',
      () => `/services/${anIncident().serviceId}/change_events?total=true`,
      'change_events',
    ],
    [
      '/change_events/{id}',
      () => `/change_events/${sim.state.changeEvents.list({})[0].id}`,
      'change_event',
    ],
    ['/users/{id}', () => `/users/${anIncident().assigneeIds[0]}`, 'user'],
  ];

  it.each(cases)('GET %s (%#) conforms', async (template, makePath, key) => {
    const { status, body } = await get(makePath());
    expect(status).toBe(200);
    const items = body[key];
    expect(Array.isArray(items) ? items.length : 1).toBeGreaterThan(0);
    expect(contract.responseErrors(template, 'get', 200, body)).toEqual([]);
  });

  it('answers errors in the documented error shape', async () => {
    const notFound = await get('/incidents/PNOTHERE');
    expect(notFound.status).toBe(404);
    expect(
      contract.responseErrors('/incidents/{id}', 'get', 404, notFound.body),
    ).toEqual([]);
    const badInput = await get('/incidents?statuses[]=sleeping');
    expect(badInput.status).toBe(400);
    expect(
      contract.responseErrors('/incidents', 'get', 400, badInput.body),
    ).toEqual([]);
    const unauthorized = await fetch(`${sim.url}/services`, {
      headers: pagerDutyRequestHeaders('wrong'),
    });
    expect(unauthorized.status).toBe(401);
    expect(
      contract.responseErrors(
        '/services',
        'get',
        401,
        await unauthorized.json(),
      ),
    ).toEqual([]);
  });

  it('refuses, with 400 and the reason, every request the document does not allow', async () => {
    const { Accept, 'Content-Type': contentType, Authorization } = headers;
    const refusals: [string, Record<string, string>, RegExp][] = [
      [
        '/services',
        { Authorization, 'Content-Type': contentType },
        /Accept header must be application\/vnd.pagerduty\+json;version=2, not \*\/\*/,
      ],
      [
        '/services',
        { Authorization, Accept },
        /Content-Type header is required/,
      ],
      [
        '/services',
        { ...headers, 'Content-Type': 'text/plain' },
        /Content-Type header must be equal to one of the allowed values/,
      ],
      [
        '/services',
        { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
        /Content-Type header must be equal to one of the allowed values \(application\/json\)/,
      ],
      ['/services?limit=ten', headers, /query parameter limit must be integer/],
      ['/services?limit=5&limit=10', headers, /limit must be given once/],
      [
        '/services?includes[]=teams',
        headers,
        /unknown query parameter includes\[\]/,
      ],
      [
        '/incidents?include[]=conference_bridges',
        headers,
        /query parameter include\[\] must be equal to one of the allowed values/,
      ],
      ['/oncalls?earliest=yes', headers, /earliest must be boolean/],
    ];
    for (const [path, requestHeaders, reason] of refusals) {
      const response = await fetch(`${sim.url}${path}`, {
        headers: requestHeaders,
      });
      const body = await response.json();
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(body.error.errors.join('; ')).toMatch(reason);
    }
    expect(
      sim.refusedRequests.slice(-refusals.length).map(r => r.path),
    ).toEqual(refusals.map(([path]) => path));
    const wrongMethod = await fetch(`${sim.url}/services`, {
      method: 'DELETE',
      headers,
    });
    expect(wrongMethod.status).toBe(405);
    const unknownPath = await get('/nothing-here');
    expect(unknownPath.status).toBe(404);
  });

  it('never lets an answer that breaks the contract out: it becomes a 500 naming the fault', async () => {
    const incident = anIncident();
    const urgency = incident.urgency;
    (incident as { urgency: string }).urgency = 'medium';
    try {
      const { status, body } = await get(`/incidents/${incident.id}`);
      expect(status).toBe(500);
      expect(body.error.message).toContain('breaks PagerDuty');
      expect(body.error.errors.join(' ')).toContain('/incident/urgency');
    } finally {
      incident.urgency = urgency;
    }
  });

  it('accepts a webhook subscription body the specification accepts, and answers in its shape', async () => {
    const request = {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: {
          type: 'http_delivery_method',
          url: 'http://127.0.0.1:1/webhooks/pagerduty',
          custom_headers: [{ name: 'X-Portal', value: 'status' }],
        },
        description: 'Status portal',
        events: ['incident.triggered', 'incident.resolved'],
        filter: { type: 'account_reference' },
      },
    };
    expect(
      contract.requestErrors('/webhook_subscriptions', 'post', request),
    ).toEqual([]);
    const response = await fetch(`${sim.url}/webhook_subscriptions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = await response.json();
    expect(response.status).toBe(201);
    expect(body.webhook_subscription.delivery_method.secret).toEqual(
      expect.any(String),
    );
    expect(
      contract.responseErrors('/webhook_subscriptions', 'post', 200, body),
    ).toEqual([]);
  });

  it('updates and enables a webhook subscription in the documented shapes', async () => {
    const created = await fetch(`${sim.url}/webhook_subscriptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: {
            type: 'http_delivery_method',
            url: 'http://127.0.0.1:1/webhooks/pagerduty',
          },
          events: ['incident.triggered'],
          filter: { type: 'account_reference' },
        },
      }),
    }).then(r => r.json());
    const { id } = created.webhook_subscription;
    const update = {
      webhook_subscription: { events: ['incident.resolved'], active: false },
    };
    expect(
      contract.requestErrors('/webhook_subscriptions/{id}', 'put', update),
    ).toEqual([]);
    const updated = await fetch(`${sim.url}/webhook_subscriptions/${id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(update),
    });
    const updatedBody = await updated.json();
    expect(updated.status).toBe(200);
    expect(updatedBody.webhook_subscription).toMatchObject({
      events: ['incident.resolved'],
      active: false,
    });
    expect(
      contract.responseErrors(
        '/webhook_subscriptions/{id}',
        'put',
        200,
        updatedBody,
      ),
    ).toEqual([]);
    const enabled = await fetch(
      `${sim.url}/webhook_subscriptions/${id}/enable`,
      {
        method: 'POST',
        headers,
      },
    );
    expect(enabled.status).toBe(200);
    expect(
      contract.responseErrors(
        '/webhook_subscriptions/{id}/enable',
        'post',
        200,
        await enabled.json(),
      ),
    ).toEqual([]);
  });

  it('writes times to the second and adds the conference bridge only when asked', async () => {
    const bridged = sim.state.openIncidents().find(i => i.conferenceBridge)!;
    const plain = (await get(`/incidents/${bridged.id}`)).body.incident;
    expect(plain.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(plain.last_status_change_at).toMatch(/:\d\dZ$/);
    expect(plain.conference_bridge).toBeUndefined();
    const asked = (
      await get(`/incidents/${bridged.id}?include[]=conference_bridge`)
    ).body.incident;
    expect(asked.conference_bridge.conference_url).toEqual(expect.any(String));
  });

  it('refuses a webhook subscription body the specification refuses', async () => {
    const request = {
      webhook_subscription: {
        type: 'webhook_subscription',
        events: ['incident.triggered'],
      },
    };
    expect(
      contract.requestErrors('/webhook_subscriptions', 'post', request),
    ).not.toEqual([]);
    const response = await fetch(`${sim.url}/webhook_subscriptions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(400);
  });

  it("sends Events API v2 samples that keep PagerDuty's Events v2 contract", () => {
    const events = new PagerDutyOpenApi(PAGERDUTY_OPENAPI_DOCUMENTS.eventsV2);
    for (const body of [
      eventsV2(),
      eventsV2({ action: 'acknowledge' }),
      eventsV2({ action: 'resolve', component: 'payments-api' }),
    ]) {
      expect(events.requestErrors('/enqueue', 'post', body)).toEqual([]);
    }
    // the contract refuses what PagerDuty refuses
    expect(
      events.requestErrors('/enqueue', 'post', {
        ...eventsV2(),
        event_action: 'escalate',
      }),
    ).not.toEqual([]);
  });
});
