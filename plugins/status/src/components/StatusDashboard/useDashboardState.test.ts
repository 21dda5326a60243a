import { aSummary } from '../../__fixtures__/summary';
import { buildRows, filterEntities } from './filterEntities';
import { readDashboardState, writeDashboardState } from './useDashboardState';

const noFilters = readDashboardState(new URLSearchParams());

describe('the dashboard state in the URL', () => {
  it('round-trips every filter, leaving defaults out', () => {
    const state = {
      ...noFilters,
      tab: 'everything' as const,
      grouping: 'owner' as const,
      owner: ['group:default/ecommerce', 'group:default/travel'],
      level: ['degraded'],
      text: 'shop 1',
      mine: true,
    };
    const query = writeDashboardState(state).toString();
    expect(query).toBe(
      'tab=everything&group=owner&level=degraded&owner=group%3Adefault%2Fecommerce%2Cgroup%3Adefault%2Ftravel&q=shop+1&mine=true',
    );
    expect(readDashboardState(new URLSearchParams(query))).toEqual(state);
    expect(writeDashboardState(noFilters).toString()).toBe('');
  });

  it('falls back to the defaults on values it does not know', () => {
    const state = readDashboardState(
      new URLSearchParams('tab=nope&group=weird'),
    );
    expect(state.tab).toBe('broken');
    expect(state.grouping).toBe('domain');
  });
});

describe('filterEntities', () => {
  const { entities } = aSummary();

  it('filters by owner, level, kind and words of the name', () => {
    const names = (state: Partial<typeof noFilters>) =>
      filterEntities(entities, { ...noFilters, ...state }).map(e => e.name);
    expect(names({ owner: ['group:default/platform'] })).toEqual([
      'auth-service',
      'docs-site',
    ]);
    expect(names({ level: ['major_outage'] })).toEqual([
      'auth-service',
      'shop-00',
      'shop-01',
      'shop-02',
    ]);
    expect(names({ text: 'SHOP-2 default', level: ['degraded'] })).toEqual([
      'shop-20',
      'shop-21',
      'shop-22',
      'shop-23',
      'shop-24',
      'shop-25',
      'shop-26',
    ]);
    expect(names({ kind: ['system'] })).toEqual([]);
  });
});

describe('buildRows', () => {
  const { entities } = aSummary();

  it('groups by owner with each group’s roll-up level, worst group first', () => {
    const groups = buildRows(entities, 'owner', new Set()).filter(
      r => r.type === 'group',
    );
    expect(
      groups.map(g => g.type === 'group' && [g.ref, g.level, g.count]),
    ).toEqual([
      ['group:default/ecommerce', 'major_outage', 14],
      ['group:default/platform', 'major_outage', 2],
      ['group:default/travel', 'major_outage', 14],
      ['group:default/loyalty', 'degraded', 1],
    ]);
  });

  it('nests Systems under Domains, and hides a collapsed group’s members', () => {
    const rows = buildRows(entities, 'domain', new Set());
    const retail = rows.findIndex(
      r => r.type === 'group' && r.ref === 'domain:default/retail',
    );
    expect(rows[retail + 1]).toMatchObject({
      type: 'group',
      ref: 'system:default/mall',
      depth: 1,
      count: 14,
    });
    expect(rows[retail + 2]).toMatchObject({ type: 'entity', depth: 2 });
    const collapsed = buildRows(
      entities,
      'domain',
      new Set([rows[retail].key]),
    );
    expect(collapsed.length).toBe(rows.length - 15);
    expect(buildRows(entities, 'flat', new Set())).toHaveLength(
      entities.length,
    );
  });
});
