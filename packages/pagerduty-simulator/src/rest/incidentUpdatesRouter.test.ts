import http from 'node:http';
import { AddressInfo } from 'node:net';
import waitForExpect from 'wait-for-expect';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { addIncidentNote } from '../incidentUpdates';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

describe('incident notes and status updates', () => {
  let sim: PagerDutySimulator;
  let receiver: http.Server;
  const received: any[] = [];

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 11, historyDays: 0 });
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', chunk => (raw += chunk));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.statusCode = 202;
        res.end();
      });
    });
    await new Promise<void>(resolve =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
    const subscribed = await fetch(`${sim.url}/webhook_subscriptions`, {
      method: 'POST',
      headers: pagerDutyRequestHeaders(),
      body: JSON.stringify({
        webhook_subscription: {
          type: 'webhook_subscription',
          delivery_method: {
            type: 'http_delivery_method',
            url: `http://127.0.0.1:${
              (receiver.address() as AddressInfo).port
            }/webhooks/pagerduty`,
          },
          events: ['incident.annotated', 'incident.status_update_published'],
          filter: { type: 'account_reference' },
        },
      }),
    });
    if (subscribed.status !== 201)
      throw new Error(`subscribing answered ${subscribed.status}`);
  });
  afterAll(async () => {
    await sim.close();
    await new Promise(resolve => receiver.close(resolve));
  });

  const post = (path: string, body: unknown, from?: string) =>
    fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: {
        ...pagerDutyRequestHeaders(),
        ...(from ? { From: from } : {}),
      },
      body: JSON.stringify(body),
    });

  it('adds notes as a user of the account, lists them and sends incident.annotated', async () => {
    const incident = sim.state.trigger({
      service: 'auth-service',
      title: 'Login failing',
    });
    const user = [...sim.state.users.values()][0];

    // the contract requires From; PagerDuty requires it to be a user of the account
    expect(
      (
        await post(`/incidents/${incident.id}/notes`, {
          note: { content: 'x' },
        })
      ).status,
    ).toBe(400);
    const stranger = await post(
      `/incidents/${incident.id}/notes`,
      { note: { content: 'x' } },
      'nobody@example.com',
    );
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.errors[0]).toMatch(/From header/);
    expect(
      (
        await post(
          `/incidents/${incident.id}/notes`,
          { note: { content: '' } },
          user.email,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(
          '/incidents/PNOSUCH/notes',
          { note: { content: 'x' } },
          user.email,
        )
      ).status,
    ).toBe(404);

    const added = await post(
      `/incidents/${incident.id}/notes`,
      { note: { content: 'Rolling back to v2.13.4' } },
      user.email,
    );
    expect(added.status).toBe(200);
    const { note } = await added.json();
    expect(note).toMatchObject({
      content: 'Rolling back to v2.13.4',
      user: { id: user.id, type: 'user_reference' },
    });

    const listed = await fetch(`${sim.url}/incidents/${incident.id}/notes`, {
      headers: pagerDutyRequestHeaders(),
    });
    expect((await listed.json()).notes.map((n: any) => n.id)).toEqual([
      note.id,
    ]);

    await waitForExpect(() => {
      const event = received.find(
        r =>
          r.event.event_type === 'incident.annotated' &&
          r.event.data.id === note.id,
      );
      expect(event.event.data).toMatchObject({
        id: note.id,
        type: 'incident_note',
        content: 'Rolling back to v2.13.4',
        incident: { id: incident.id, type: 'incident_reference' },
      });
      expect(event.event.agent).toMatchObject({ id: user.id });
    });

    // PagerDuty's documented limit: 2,000 notes per incident
    const full = sim.state.trigger({
      service: 'auth-service',
      title: 'Chatty',
    });
    for (let i = 0; i < 2_000; i++)
      addIncidentNote(sim.state, full.id, { content: `note ${i}` });
    const oneMore = await post(
      `/incidents/${full.id}/notes`,
      { note: { content: 'one more' } },
      user.email,
    );
    expect(oneMore.status).toBe(400);
    expect((await oneMore.json()).error.errors[0]).toMatch(
      /at most 2000 notes/,
    );
  });

  it('publishes status updates within PagerDuty limits and sends incident.status_update_published', async () => {
    const incident = sim.state.trigger({
      service: 'auth-service',
      title: 'Tokens rejected',
    });
    const user = [...sim.state.users.values()][1];
    expect(
      (
        await post(
          `/incidents/${incident.id}/status_updates`,
          { message: 'y'.repeat(25_001) },
          user.email,
        )
      ).status,
    ).toBe(400);
    expect(
      (await post(`/incidents/${incident.id}/status_updates`, {}, user.email))
        .status,
    ).toBe(400);
    const published = await post(
      `/incidents/${incident.id}/status_updates`,
      { message: 'Logins fail for 30% of users; rollback under way' },
      user.email,
    );
    expect(published.status).toBe(200);
    const { status_update } = await published.json();
    expect(status_update).toMatchObject({
      message: 'Logins fail for 30% of users; rollback under way',
      sender: { id: user.id },
    });
    await waitForExpect(() => {
      const event = received.find(
        r => r.event.event_type === 'incident.status_update_published',
      );
      expect(event.event.data).toMatchObject({
        id: status_update.id,
        type: 'status_update',
        message: 'Logins fail for 30% of users; rollback under way',
        sender: { id: user.id, type: 'user_reference' },
        incident: { id: incident.id },
      });
    });
  });
  it("serves an incident's log as PagerDuty documents it: every action, notes as annotate entries, newest first", async () => {
    const start = sim.state.now();
    const incident = sim.state.trigger({
      service: 'auth-service',
      title: 'Token signing failing',
    });
    const user = [...sim.state.users.values()][0];
    sim.state.acknowledge(incident.id, {});
    const noted = await post(
      `/incidents/${incident.id}/notes`,
      { note: { content: 'Postmortem: https://wiki.example.com/pm/1' } },
      user.email,
    );
    expect(noted.status).toBe(200);
    sim.state.resolve(incident.id, {});

    const read = async (query = '') => {
      // the simulator validates the answer against the vendored contract
      const response = await fetch(
        `${sim.url}/incidents/${incident.id}/log_entries${query}`,
        { headers: pagerDutyRequestHeaders() },
      );
      expect(response.status).toBe(200);
      return response.json();
    };
    const { log_entries: entries } = await read();
    const types = entries.map((e: any) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'trigger_log_entry',
        'assign_log_entry',
        'acknowledge_log_entry',
        'annotate_log_entry',
        'resolve_log_entry',
      ]),
    );
    const times = entries.map((e: any) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      entries.find((e: any) => e.type === 'annotate_log_entry'),
    ).toMatchObject({
      note: 'Postmortem: https://wiki.example.com/pm/1',
      channel: { type: 'note' },
      agent: { id: user.id },
      incident: { id: incident.id },
    });
    // the overview leaves out assignments; pages follow limit and offset
    const overview = await read('?is_overview=true');
    expect(
      overview.log_entries.some((e: any) => e.type === 'assign_log_entry'),
    ).toBe(false);
    const page = await read('?limit=2&offset=0');
    expect(page.log_entries).toHaveLength(2);
    expect(page.more).toBe(true);
    const since = await read(
      `?since=${encodeURIComponent(
        new Date(start.getTime() - 1).toISOString(),
      )}`,
    );
    expect(since.log_entries).toHaveLength(entries.length);
  });
});
