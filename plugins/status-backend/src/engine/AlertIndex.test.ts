import { StoredAlert } from '../database';
import { AlertIndex } from './AlertIndex';
import { EntitySummary } from '../catalog/catalogSnapshot';

const entity = (name: string): EntitySummary => ({
  ref: `component:default/${name}`,
  kind: 'Component',
  name,
  pagerDutyServiceIds: [],
  pagerDutyAccount: 'default',
  alertAnnotations: [],
  problems: [],
});

describe('AlertIndex', () => {
  let now = new Date('2031-03-04T12:00:00.000Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  const alert = (
    fingerprint: string,
    service: string,
    overrides: Partial<StoredAlert> = {},
  ): StoredAlert => ({
    source: 'alertmanager',
    fingerprint,
    state: 'firing',
    severity: 'critical',
    title: fingerprint,
    startedAt: minutesAgo(60).toISOString(),
    labels: { service },
    receivedAt: minutesAgo(1),
    changedAt: minutesAgo(1),
    ...overrides,
  });
  const index = () => {
    const i = new AlertIndex({
      staleAfterMs: source =>
        source === 'alertmanager' ? 8 * 3_600_000 : undefined,
      now: () => now,
    });
    i.setEntities([entity('checkout'), entity('search')], () => []);
    return i;
  };

  it('applies changes one by one: a resolution, a move to another entity, an older read ignored', () => {
    const i = index();
    i.apply([alert('a', 'checkout'), alert('b', 'checkout')]);
    expect(i.firingOf('component:default/checkout')).toHaveLength(2);
    i.apply([
      alert('a', 'checkout', {
        state: 'resolved',
        endedAt: now.toISOString(),
        changedAt: now,
      }),
      alert('b', 'search', { changedAt: now }),
    ]);
    expect(i.firingOf('component:default/checkout')).toEqual([]);
    expect(i.firingOf('component:default/search').map(a => a.title)).toEqual([
      'b',
    ]);
    // still watched: it alerted lately
    expect(i.isWatched('component:default/checkout')).toBe(true);
    // a read older than what is held changes nothing
    i.apply([alert('b', 'checkout', { changedAt: minutesAgo(10) })]);
    expect(i.firingOf('component:default/search')).toHaveLength(1);
    // a day later the resolved one is let go
    now = new Date(now.getTime() + 25 * 3_600_000);
    i.apply([]);
    expect(i.isWatched('component:default/checkout')).toBe(false);
  });

  it('marks a firing alert stale once its tool has not sent it again for long', () => {
    const i = index();
    i.apply([
      alert('fresh', 'checkout'),
      alert('quiet', 'checkout', { receivedAt: minutesAgo(9 * 60) }),
    ]);
    const views = i.of('component:default/checkout');
    expect(views.find(v => v.fingerprint === 'fresh')?.stale).toBeUndefined();
    expect(views.find(v => v.fingerprint === 'quiet')?.stale).toBe(true);
    expect(views[0].match).toEqual({
      rule: 'label',
      key: 'service',
      value: 'checkout',
    });
  });

  it('re-maps what it holds when the catalog changes', () => {
    const i = index();
    i.apply([alert('a', 'billing')]);
    expect(i.unmatchedCount()).toBe(1);
    i.setEntities([entity('billing')], () => []);
    expect(i.unmatchedCount()).toBe(0);
    expect(i.firingOf('component:default/billing')).toHaveLength(1);
  });
});
