import { ConfigReader } from '@backstage/config';
import { DEFAULT_HEALTH_RULES } from '@status-layer/plugin-status-common';
import { readHealthRules } from './readHealthRules';

describe('readHealthRules', () => {
  it('defaults every rule', () => {
    expect(readHealthRules(new ConfigReader({}))).toEqual(DEFAULT_HEALTH_RULES);
  });

  it('reads the configured rules', () => {
    const rules = readHealthRules(
      new ConfigReader({
        status: {
          rules: {
            incidents: {
              majorOutagePriorities: ['P1', 'P2'],
              lowUrgency: 'operational',
            },
            defaultDependency: {
              propagates: ['major_outage'],
              as: 'partial_outage',
            },
            maintenance: { passesOnAs: 'degraded' },
          },
        },
      }),
    );
    expect(rules.incidents).toEqual({
      ...DEFAULT_HEALTH_RULES.incidents,
      majorOutagePriorities: ['P1', 'P2'],
      lowUrgency: 'operational',
    });
    expect(rules.defaultDependency).toEqual({
      propagates: ['major_outage'],
      as: 'partial_outage',
    });
    expect(rules.alerts).toEqual(DEFAULT_HEALTH_RULES.alerts);
    expect(rules.maintenance).toEqual({ passesOnAs: 'degraded' });
  });

  it('names the key of an invalid level', () => {
    expect(() =>
      readHealthRules(
        new ConfigReader({
          status: { rules: { incidents: { highUrgency: 'on_fire' } } },
        }),
      ),
    ).toThrow('Invalid status.rules highUrgency "on_fire"');
  });
});
