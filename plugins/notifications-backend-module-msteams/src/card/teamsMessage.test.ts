import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { teamsMessageProblems } from '@internal/pagerduty-simulator';
import { CARD_WORDS } from './cardWords';
import { MAX_DESCRIPTION_LENGTH, teamsMessage } from './teamsMessage';

const SEVERITIES: NotificationSeverity[] = [
  'critical',
  'high',
  'normal',
  'low',
];

describe('teamsMessage', () => {
  it('builds cards the published schema and the reference parser accept, in every form', () => {
    const forms = SEVERITIES.flatMap(severity =>
      (['en', 'ja'] as const).flatMap(language =>
        [false, true].map(updated =>
          teamsMessage({
            payload: {
              title: `payments is down <${severity}> *bold*`,
              description: updated
                ? 'It reaches "checkout" & cart-api.'
                : undefined,
              topic: updated ? 'Upstream outages' : undefined,
              severity,
            },
            link: updated ? 'https://portal.example.com/catalog' : undefined,
            words: CARD_WORDS[language],
            updated,
          }),
        ),
      ),
    );
    expect(forms).toHaveLength(16);
    for (const message of forms)
      expect(teamsMessageProblems(message)).toEqual([]);
  });

  it('says the severity in words beside its colour, and marks an update', () => {
    const card = teamsMessage({
      payload: { title: 'x', severity: 'critical' },
      words: CARD_WORDS.ja,
      updated: true,
    }).attachments[0].content as any;
    expect(card.body[0].items[0]).toEqual(
      expect.objectContaining({ text: '緊急 · 更新', color: 'attention' }),
    );
    expect(card.actions).toBeUndefined();
  });

  it("clips long texts so the message stays under Teams' 28 KB, and leaves out links that are not web links", () => {
    const message = teamsMessage({
      payload: {
        title: 'T'.repeat(1000),
        description: 'ü'.repeat(20_000),
        topic: 'x',
      },
      link: 'mailto:ops@example.com',
      words: CARD_WORDS.en,
    });
    const card = message.attachments[0].content as any;
    expect([...card.body[1].text]).toHaveLength(MAX_DESCRIPTION_LENGTH);
    expect(card.body[1].text.endsWith('…')).toBe(true);
    expect(card.actions).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(28 * 1024);
    expect(teamsMessageProblems(message)).toEqual([]);
  });
});
