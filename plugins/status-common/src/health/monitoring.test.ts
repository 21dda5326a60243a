import {
  countDisplayLevels,
  DISPLAY_LEVEL_LABELS,
  DISPLAY_LEVELS,
  displayLevel,
  rollupDisplayLevel,
} from './monitoring';

describe('DISPLAY_LEVELS', () => {
  it('lists every labelled display level once, the outages first and worst first', () => {
    expect([...DISPLAY_LEVELS].sort()).toEqual(
      Object.keys(DISPLAY_LEVEL_LABELS).sort(),
    );
    expect(DISPLAY_LEVELS.slice(0, 3)).toEqual([
      'major_outage',
      'partial_outage',
      'degraded',
    ]);
    expect(DISPLAY_LEVEL_LABELS.not_monitored).toBe('Not monitored');
  });
});

describe('displayLevel', () => {
  it('shows any level but operational as it is, and operational only when monitored and correctly configured', () => {
    expect(displayLevel({ monitored: false, effective: 'major_outage' })).toBe(
      'major_outage',
    );
    expect(
      displayLevel({
        monitored: true,
        effective: 'degraded',
        misconfigured: true,
      }),
    ).toBe('degraded');
    expect(
      displayLevel({
        monitored: true,
        effective: 'operational',
        misconfigured: true,
      }),
    ).toBe('misconfigured');
    expect(displayLevel({ monitored: false, effective: 'operational' })).toBe(
      'not_monitored',
    );
    expect(displayLevel({ monitored: true, effective: 'operational' })).toBe(
      'operational',
    );
  });
});

describe('rollupDisplayLevel', () => {
  it("is the worst member's outage, else operational only when a member is monitored and fine", () => {
    expect(
      rollupDisplayLevel(
        countDisplayLevels(['operational', 'not_monitored', 'unknown']),
      ),
    ).toBe('unknown');
    expect(
      rollupDisplayLevel(countDisplayLevels(['operational', 'not_monitored'])),
    ).toBe('operational');
    expect(
      rollupDisplayLevel(
        countDisplayLevels(['misconfigured', 'not_monitored']),
      ),
    ).toBe('misconfigured');
    expect(rollupDisplayLevel(countDisplayLevels(['not_monitored']))).toBe(
      'not_monitored',
    );
    expect(rollupDisplayLevel(countDisplayLevels([]))).toBe('not_monitored');
  });
});
