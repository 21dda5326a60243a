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
