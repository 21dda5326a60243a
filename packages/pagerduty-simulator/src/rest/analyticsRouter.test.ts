import { PagerDutyOpenApi } from '../openapi/PagerDutyOpenApi';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('POST /analytics/raw/incidents', () => {
  let sim: PagerDutySimulator;
  const contract = PagerDutyOpenApi.rest();
  const now = Date.now();

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 11 });
  });
  afterAll(() => sim.close());

  const post = async (body: unknown) => {
    const response = await fetch(`${sim.url}/analytics/raw/incidents`, {
      method: 'POST',
      headers: pagerDutyRequestHeaders(),
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('pages through 90 days of incidents oldest first with a cursor, each with its first acknowledgement and resolution', async () => {
    const filters = {
      created_at_start: new Date(now - 90 * DAY).toISOString(),
      created_at_end: new Date(now).toISOString(),
    };
    const expected = [...sim.state.incidents.values()].filter(
      i => i.createdAt.getTime() >= now - 90 * DAY,
    );
    expect(expected.length).toBeGreaterThan(100);
    const seen: any[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const { status, body } = await post({
        filters,
        order: 'asc',
        limit: 50,
        ...(cursor ? { starting_after: cursor } : {}),
      });
      expect(status).toBe(200);
      expect(
        contract.responseErrors('/analytics/raw/incidents', 'post', 200, body),
      ).toEqual([]);
      seen.push(...body.data);
      if (!body.more) break;
      cursor = body.last;
    }
    expect(seen.map(r => r.id).sort()).toEqual(expected.map(i => i.id).sort());
    const times = seen.map(r => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // the first acknowledgement, not the last, and who resolved it
    const incident = sim.state.trigger({ service: 'cart-api', title: 'x' });
    const created = incident.createdAt.getTime();
    sim.state.acknowledge(incident.id, { at: new Date(created + 60_000) });
    sim.state.unacknowledge(incident.id);
    sim.state.acknowledge(incident.id, { at: new Date(created + 600_000) });
    sim.state.resolve(incident.id, { at: new Date(created + 900_000) });
    const { body } = await post({
      filters: { service_ids: [incident.serviceId] },
      limit: 1,
    });
    expect(body.data[0]).toMatchObject({
      id: incident.id,
      seconds_to_first_ack: 60,
      seconds_to_resolve: 900,
      resolved_by_user_name: expect.any(String),
    });
  });

  it('refuses what PagerDuty refuses: limits over 1,000, unknown cursors, backwards ranges', async () => {
    const tooMany = await post({ limit: 1001 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.errors.join(' ')).toMatch(/limit/);
    expect((await post({ limit: 0 })).status).toBe(400);
    expect((await post({ starting_after: 'bm90LWEtY3Vyc29y' })).status).toBe(
      400,
    );
    expect(
      (
        await post({
          filters: {
            created_at_start: new Date(now).toISOString(),
            created_at_end: new Date(now - DAY).toISOString(),
          },
        })
      ).status,
    ).toBe(400);
    expect((await post({ order: 'sideways' })).status).toBe(400);
  });
});
