import { ConfigReader } from '@backstage/config';
import { readStatusPageRules } from './readStatusPageRules';

const read = (statusPages: any) =>
  readStatusPageRules(new ConfigReader({ status: { statusPages } }), [
    'default',
  ]);

describe('readStatusPageRules', () => {
  it('reads pages with their defaults: own levels only, two minutes to hold, 30 s between writes', () => {
    expect(
      read([
        {
          page: 'Meridian status',
          components: [{ entity: 'auth-service', service: 'Sign-in' }],
          impacts: { degraded: 'Minor issues' },
        },
      ]),
    ).toEqual([
      {
        account: 'default',
        page: 'Meridian status',
        components: [
          { entityRef: 'component:default/auth-service', service: 'Sign-in' },
        ],
        inherited: false,
        minDurationMs: 120_000,
        minIntervalMs: 30_000,
        impacts: {
          degraded: 'Minor issues',
          partial_outage: 'Partial outage',
          major_outage: 'Major outage',
        },
        operational: 'Operational',
        title: 'Service disruption',
        maintenanceImpact: 'Under maintenance',
        maintenanceTitle: 'Scheduled maintenance',
      },
    ]);
    expect(read(undefined)).toEqual([]);
  });

  it('says what is wrong with a page that cannot be kept', () => {
    expect(() =>
      read([
        {
          account: 'eu',
          page: 'P',
          components: [{ entity: 'a', service: 's' }],
        },
      ]),
    ).toThrow('status.statusPages[0].account: no PagerDuty account "eu"');
    expect(() => read([{ page: 'P', components: [] }])).toThrow(
      'status.statusPages[0].components: name at least one',
    );
    expect(() =>
      read([
        { page: 'P', components: [{ entity: 'component:', service: 's' }] },
      ]),
    ).toThrow('is not an entity reference');
    expect(() =>
      read([
        {
          page: 'P',
          components: [{ entity: 'a', service: 's' }],
          minIntervalSeconds: -1,
        },
      ]),
    ).toThrow('status.statusPages[0].minIntervalSeconds must be 0 to 3600');
  });
});
