import { pagerDutySourceName } from '@status-layer/plugin-status-common';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StoredIncident, StoredService } from '../database';
import { PagerDutyFacts } from './PagerDutyFacts';

const now = new Date();
const rules = () => ({ now, syncIntervalMs: 60_000 });
const entity = (ids: string[], account = 'default'): EntitySummary => ({
  ref: 'component:default/cart-api',
  kind: 'Component',
  name: 'cart-api',
  pagerDutyServiceIds: ids,
  pagerDutyAccount: account,
  alertAnnotations: [],
  problems: [],
});
const service = (id: string): StoredService =>
  ({ account: 'default', id, name: id, teams: [], syncedAt: now } as any);
const incident = (id: string, serviceId: string): StoredIncident =>
  ({
    account: 'default',
    id,
    serviceId,
    title: 'down',
    status: 'triggered',
    urgency: 'high',
    createdAt: now,
  } as any);
/** A maintenance window from `startMinutes` to `endMinutes` from now. */
const window = (
  id: string,
  serviceId: string,
  startMinutes: number,
  endMinutes: number,
) => ({
  id,
  serviceIds: [serviceId],
  startTime: new Date(now.getTime() + startMinutes * 60_000).toISOString(),
  endTime: new Date(now.getTime() + endMinutes * 60_000).toISOString(),
});
const servicesRead = {
  source: pagerDutySourceName('default', 'services'),
  lastSuccessAt: now,
  consecutiveFailures: 0,
};

describe('PagerDutyFacts', () => {
  it('trusts the annotation until the services are read, then only what PagerDuty has or an incident names', () => {
    const before = new PagerDutyFacts(
      ['default'],
      { incidents: [], services: [], sources: [], maintenance: [] },
      rules,
    );
    expect(before.serviceKeysOf(entity(['PA', 'PB']))).toEqual([
      'default/PA',
      'default/PB',
    ]);
    expect(before.problemsOf(entity(['PA']))).toEqual([]);

    const after = new PagerDutyFacts(
      ['default'],
      {
        incidents: [incident('I1', 'PWEB')],
        services: [service('PA')],
        sources: [servicesRead],
        maintenance: [
          [
            window('M2', 'PB', 60, 120),
            window('M1', 'PA', -30, 30),
            // over, though a stale read still holds it
            window('M0', 'PB', -120, -60),
          ],
        ],
      },
      rules,
    );
    expect(after.serviceKeysOf(entity(['PA', 'PB', 'PWEB']))).toEqual([
      'default/PA',
      'default/PWEB',
    ]);
    expect(after.problemsOf(entity(['PA', 'PB'])).map(p => p.message)).toEqual([
      expect.stringContaining('PagerDuty has no service PB'),
    ]);
    // only the window running now puts a service under maintenance
    expect(after.inMaintenance).toEqual(new Set(['default/PA']));
    // the one already over is not listed
    expect(
      after.maintenanceOf(entity(['PA', 'PB']), now.getTime()).map(w => w.id),
    ).toEqual(['M1', 'M2']);
    expect(after.allMaintenance(now.getTime()).map(m => m.window.id)).toEqual([
      'M1',
      'M2',
    ]);
    expect(after.incidentsOf(entity(['PWEB'])).map(i => i.id)).toEqual(['I1']);
  });

  it('names an account that is not configured, and gives it no services', () => {
    const facts = PagerDutyFacts.empty(['default'], rules);
    expect(facts.serviceKeysOf(entity(['PA'], 'eu'))).toEqual([]);
    expect(facts.problemsOf(entity(['PA'], 'eu'))[0].message).toContain(
      'No PagerDuty account "eu" is configured (configured: default)',
    );
  });

  it('names the services whose facts changed, and only those', () => {
    const read = (
      incidents: StoredIncident[],
      options: {
        services?: StoredService[];
        maintenance?: ReturnType<typeof window>[];
        sources?: (typeof servicesRead)[];
      } = {},
    ) =>
      new PagerDutyFacts(
        ['default'],
        {
          incidents,
          services: options.services ?? [service('PA'), service('PB')],
          sources: options.sources ?? [servicesRead],
          maintenance: [options.maintenance ?? []],
        },
        rules,
      );
    const base = read([incident('I1', 'PA')]);
    expect(read([incident('I1', 'PA')]).changedServiceKeys(base)).toEqual(
      new Set(),
    );
    // a new incident, one resolved, one acknowledged
    expect(
      read([incident('I1', 'PA'), incident('I2', 'PB')]).changedServiceKeys(
        base,
      ),
    ).toEqual(new Set(['default/PB']));
    expect(read([]).changedServiceKeys(base)).toEqual(new Set(['default/PA']));
    expect(
      read([
        { ...incident('I1', 'PA'), status: 'acknowledged' },
      ]).changedServiceKeys(base),
    ).toEqual(new Set(['default/PA']));
    // a service PagerDuty no longer has, a maintenance window begun
    expect(
      read([incident('I1', 'PA')], {
        services: [service('PA')],
      }).changedServiceKeys(base),
    ).toEqual(new Set(['default/PB']));
    expect(
      read([incident('I1', 'PA')], {
        maintenance: [window('W1', 'PB', -5, 30)],
      }).changedServiceKeys(base),
    ).toEqual(new Set(['default/PB']));
    // the services read for the first time: every entity of the account
    expect(
      read([incident('I1', 'PA')], { sources: [] }).changedServiceKeys(base),
    ).toBeUndefined();
  });
});
