import { StatusEngine } from '../engine/StatusEngine';
import { DEPENDENTS_COUNTED, visibleDependentCount } from './dependentCounts';

/** An engine whose entity `hub` has `total` dependents; counts the walks. */
function engineWith(total: number) {
  const state = { walks: 0, catalogChangedAt: new Date(0) };
  const engine = {
    dependentsOf: (_ref: string, limit = Infinity) => {
      state.walks++;
      return Array.from(
        { length: Math.min(total, limit) },
        (_, i) => `component:default/d${i}`,
      );
    },
    get catalogChangedAt() {
      return state.catalogChangedAt;
    },
  } as unknown as StatusEngine;
  return { engine, state };
}

// every tenth dependent is hidden from this view
const view = {
  has: (ref: string) => !ref.endsWith('0'),
  admin: false,
  key: 'reader',
};

describe('visibleDependentCount', () => {
  it('counts what the view may read, exactly below the bound', () => {
    const { engine } = engineWith(100);
    expect(visibleDependentCount(engine, 'hub', view)).toEqual({
      count: 90,
      atLeast: false,
    });
  });

  it('stops at the bound and says "at least", counting what the view may read of those found', () => {
    const { engine } = engineWith(60_000);
    expect(visibleDependentCount(engine, 'hub', view)).toEqual({
      count: DEPENDENTS_COUNTED * 0.9,
      atLeast: true,
    });
  });

  it('keeps a count per view until the catalog changes, and never shares it between views', () => {
    const { engine, state } = engineWith(100);
    visibleDependentCount(engine, 'hub', view);
    visibleDependentCount(engine, 'hub', view);
    expect(state.walks).toBe(1);
    const everything = { has: () => true, admin: false, key: 'all' };
    expect(visibleDependentCount(engine, 'hub', everything).count).toBe(100);
    expect(state.walks).toBe(2);
    // a view without a key is counted every time
    visibleDependentCount(engine, 'hub', { has: () => true, admin: false });
    expect(state.walks).toBe(3);
    state.catalogChangedAt = new Date(1);
    expect(visibleDependentCount(engine, 'hub', view).count).toBe(90);
    expect(state.walks).toBe(4);
  });
});
