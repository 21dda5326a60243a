import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { TEAMS_MAX_MESSAGE_BYTES } from './teamsRouter';
import { adaptiveCardProblems } from './validateTeamsMessage';

jest.setTimeout(60_000);

const card = (extra: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.4',
  body: [
    {
      type: 'Container',
      style: 'emphasis',
      items: [{ type: 'TextBlock', text: 'Critical', color: 'attention' }],
    },
    { type: 'FactSet', facts: [{ title: 'Topic', value: 'Outages' }] },
  ],
  actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://x.test' }],
  ...extra,
});

const message = (content: unknown) => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content,
    },
  ],
});

describe('Adaptive Card validation', () => {
  it('takes a valid 1.4 card', () => {
    expect(adaptiveCardProblems(card())).toEqual([]);
  });

  it('names what the published schema refuses', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', body: [] })).toEqual([
      "card must have required property 'version'",
    ]);
    const noValue = card({
      body: [{ type: 'FactSet', facts: [{ title: 'Topic' }] }],
    });
    expect(adaptiveCardProblems(noValue).join(' ')).toContain(
      "must have required property 'value'",
    );
  });

  it('refuses elements newer than 1.0, which the published schema does not know', () => {
    const table = card({
      body: [{ type: 'Table', columns: [{ width: 1 }], rows: [] }],
    });
    expect(adaptiveCardProblems(table)).toContain(
      'card/body/0 must match a schema in anyOf',
    );
    const badStyle = card({
      body: [{ type: 'Container', style: 'loud', items: [] }],
    });
    expect(adaptiveCardProblems(badStyle).join(' ')).toMatch(
      /allowed values|anyOf/,
    );
  });

  it('names what the reference parser refuses beyond the schema', () => {
    const twice = card({
      body: [
        { type: 'TextBlock', id: 'same', text: 'a' },
        { type: 'TextBlock', id: 'same', text: 'b' },
      ],
    });
    expect(adaptiveCardProblems(twice)).toEqual(['card: Duplicate Id "same".']);
  });

  it('refuses versions Teams does not render', () => {
    expect(adaptiveCardProblems(card({ version: '1.6' }))).toEqual([
      'card version 1.6 is not one Teams renders (1.0 to 1.5)',
    ]);
  });
});

describe('simulated Teams workflow webhooks', () => {
  let sim: PagerDutySimulator;
  const url = (name: string, sig = 'simulator-signature') =>
    `${sim.url}/teams/workflows/${name}/invoke?api-version=1&sig=${sig}`;
  const post = (name: string, body: unknown, sig?: string) =>
    fetch(url(name, sig), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    sim = await startPagerDutySimulator({
      historyDays: 0,
      catalog: { services: [], groups: [] },
    });
  });
  beforeEach(() => sim.teams.clear());
  afterAll(() => sim.close());

  it('takes a valid card with 202 and keeps it for its channel', async () => {
    const response = await post('platform', message(card()));
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    const listed = await (
      await fetch(`${sim.url}/_control/teams/cards?workflow=platform`)
    ).json();
    expect(listed.cards).toEqual([
      expect.objectContaining({ workflow: 'platform', card: card() }),
    ]);
    const page = await (await fetch(`${sim.url}/web/teams`)).text();
    expect(page).toContain('Critical');
    expect(page).toContain('href="https://x.test"');
  });

  it('refuses a wrong signature, a broken card, a wrong shape and an oversized message', async () => {
    expect((await post('platform', message(card()), 'forged')).status).toBe(
      401,
    );
    const broken = await post('platform', message({ type: 'AdaptiveCard' }));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toContain(
      "attachments[0].card must have required property 'version'",
    );
    const noCards = await post('platform', { type: 'message' });
    expect(noCards.status).toBe(400);
    const notJson = await post('platform', '{');
    expect(notJson.status).toBe(400);
    const huge = message(
      card({
        body: [
          { type: 'TextBlock', text: 'x'.repeat(TEAMS_MAX_MESSAGE_BYTES) },
        ],
      }),
    );
    expect((await post('platform', huge)).status).toBe(413);
    expect(sim.teams.list()).toEqual([]);
  });

  it('answers 429 past four posts a second on one workflow', async () => {
    const statuses: number[] = [];
    // a burst, sent at once: at most four fall in any one second
    const answers = await Promise.all(
      Array.from({ length: 9 }, () => post('burst', message(card()))),
    );
    for (const answer of answers) statuses.push(answer.status);
    expect(statuses.filter(s => s === 429).length).toBeGreaterThanOrEqual(1);
    const limited = answers.find(a => a.status === 429)!;
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(statuses.filter(s => s === 202).length).toBe(
      sim.teams.list('burst').length,
    );
  });

  it('fails the next posts as told, then takes them again', async () => {
    const put = await fetch(`${sim.url}/_control/teams/faults/flaky`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, times: 2 }),
    });
    expect(put.status).toBe(204);
    expect((await post('flaky', message(card()))).status).toBe(503);
    expect((await post('flaky', message(card()))).status).toBe(503);
    expect((await post('flaky', message(card()))).status).toBe(202);
  });
});
