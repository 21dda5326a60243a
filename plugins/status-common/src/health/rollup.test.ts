import { rollUp } from './rollup';

describe('rollUp', () => {
  it('is the worst member level, with the non-operational members worst first', () => {
    expect(
      rollUp([
        { ref: 'component:a', level: 'operational' },
        { ref: 'component:b', level: 'degraded' },
        { ref: 'component:c', level: 'major_outage' },
        { ref: 'resource:d', level: 'under_maintenance' },
      ]),
    ).toEqual({
      level: 'major_outage',
      contributors: [
        { ref: 'component:c', level: 'major_outage' },
        { ref: 'component:b', level: 'degraded' },
        { ref: 'resource:d', level: 'under_maintenance' },
      ],
    });
    expect(rollUp([])).toEqual({ level: 'operational', contributors: [] });
  });
});
