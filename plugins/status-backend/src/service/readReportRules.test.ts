import { ConfigReader } from '@backstage/config';
import { readReportRules } from './readReportRules';

const read = (reports?: object) =>
  readReportRules(new ConfigReader(reports ? { status: { reports } } : {}));

describe('readReportRules', () => {
  it('reports are on, low urgency first, five an hour by default', () => {
    expect(read()).toEqual({
      enabled: true,
      urgencies: ['low', 'high'],
      maxPerUserPerHour: 5,
    });
    expect(
      read({ enabled: false, urgencies: ['high'], maxPerUserPerHour: 20 }),
    ).toEqual({ enabled: false, urgencies: ['high'], maxPerUserPerHour: 20 });
  });

  it('refuses settings that cannot work, saying which', () => {
    expect(() => read({ urgencies: [] })).toThrow(/status.reports.urgencies/);
    expect(() => read({ urgencies: ['urgent'] })).toThrow(/low and\/or high/);
    expect(() => read({ urgencies: ['low', 'low'] })).toThrow(/once each/);
    expect(() => read({ maxPerUserPerHour: 0 })).toThrow(/from 1 to 1000/);
    expect(() => read({ maxPerUserPerHour: 2.5 })).toThrow(/whole number/);
  });
});
