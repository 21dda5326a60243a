import { pagerDutyAnnotationLines } from '../coverage';
import {
  nameWords,
  sameNameLikeness,
  teamNameKey,
  wordLikeness,
} from './nameSimilarity';

describe('name similarity', () => {
  it('reads the words of a name however it is written', () => {
    expect(nameWords('Points API')).toEqual(['points', 'api']);
    expect(nameWords('points_api')).toEqual(['points', 'api']);
    expect(nameWords('a-b')).toEqual([]);
  });

  it('weighs a plural and a near spelling below the same word', () => {
    expect(wordLikeness('payment', 'payment')).toBe(1);
    expect(wordLikeness('payment', 'payments')).toBe(0.9);
    expect(wordLikeness('notification', 'notifcation')).toBeGreaterThan(0);
    expect(wordLikeness('notification', 'notifcation')).toBeLessThan(0.9);
    expect(wordLikeness('db01', 'db02')).toBe(0);
  });

  it('takes whole names split differently as the same', () => {
    expect(sameNameLikeness(['shop', 'web'], ['shopweb'])).toBe(1);
    expect(sameNameLikeness(['loyalty', 'point'], ['loyalty', 'points'])).toBe(
      0.9,
    );
    expect(sameNameLikeness(['cart'], ['checkout'])).toBe(0);
  });

  it("keys a team's name by what says which team", () => {
    expect(teamNameKey('Payments Team')).toBe('payments');
    expect(teamNameKey('payments')).toBe('payments');
    expect(teamNameKey('Payments on-call')).toBe('payments');
    expect(teamNameKey('Shop escalation policy')).toBe('shop');
    expect(teamNameKey('The Team')).toBe('');
  });
});

describe('pagerDutyAnnotationLines', () => {
  it('names the account only when it is not the default one', () => {
    expect(pagerDutyAnnotationLines('PABC123')).toEqual([
      'pagerduty.com/service-id: PABC123',
    ]);
    expect(pagerDutyAnnotationLines('PABC123', 'emea')).toEqual([
      'pagerduty.com/service-id: PABC123',
      'pagerduty.com/account: emea',
    ]);
  });
});
