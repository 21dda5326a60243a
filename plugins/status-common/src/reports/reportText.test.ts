import { HIDDEN_ENTITY_REF } from '../api';
import { reportIncidentText, reportNoteText } from './reportText';

const wording = {
  target: 'login-api',
  affected: 'shop-web',
  via: ['api-gateway'],
  description:
    '  Sign-in answers 502 since 10:02\nabout 30 % of checkouts fail  ',
  reporter: 'Guest <guest@meridian.example>',
};

describe('report wording', () => {
  it('says who else is affected, by which path, what they see and who reports it', () => {
    expect(reportNoteText(wording)).toBe(
      'Also affecting shop-web via api-gateway: Sign-in answers 502 since 10:02\nabout 30 % of checkouts fail\n\nReported in Backstage by Guest <guest@meridian.example>.',
    );
  });

  it('counts entities hidden from the reporter without naming them', () => {
    const text = reportNoteText({
      ...wording,
      via: ['api-gateway', HIDDEN_ENTITY_REF, HIDDEN_ENTITY_REF],
    });
    expect(text).toContain('via api-gateway → 2 more services:');
    expect(text).not.toContain(HIDDEN_ENTITY_REF);
    expect(reportNoteText({ ...wording, via: [HIDDEN_ENTITY_REF] })).toContain(
      'shop-web via 1 more service:',
    );
    expect(reportNoteText({ ...wording, via: [] })).toContain(
      'Also affecting shop-web: Sign-in',
    );
  });

  it('titles a new incident by the target and the first line, bounded', () => {
    const { title, details } = reportIncidentText(wording);
    expect(title).toBe(
      'login-api: Sign-in answers 502 since 10:02 (reported from shop-web)',
    );
    expect(details).toContain(
      'whose shop-web depends on login-api via api-gateway',
    );
    expect(details).toContain('about 30 % of checkouts fail');
    const long = reportIncidentText({
      ...wording,
      description: 'x'.repeat(2_000),
    }).title;
    expect(long).toHaveLength(255);
    expect(long.endsWith('…')).toBe(true);
  });

  it('words a report of the entity itself without a path', () => {
    const self = { ...wording, affected: 'login-api', via: [] };
    expect(reportNoteText(self)).toBe(
      'Also seen: Sign-in answers 502 since 10:02\nabout 30 % of checkouts fail\n\nReported in Backstage by Guest <guest@meridian.example>.',
    );
    const { title, details } = reportIncidentText(self);
    expect(title).toBe(
      'login-api: Sign-in answers 502 since 10:02 (reported in Backstage)',
    );
    expect(details.split('\n')[0]).toBe(
      'Reported in Backstage by Guest <guest@meridian.example>.',
    );
  });
});
