import {
  compareLevels,
  isOutage,
  LEVEL_PRECEDENCE,
  OUTAGES_WORST_FIRST,
  worstLevel,
} from './levels';
import {
  ownHealth,
  signalLevel,
  inheritedOverEdge,
  DEFAULT_HEALTH_RULES,
  Signal,
} from './rules';

describe('levels', () => {
  it('orders outages above unknown, unknown above maintenance, maintenance above operational', () => {
    expect([...LEVEL_PRECEDENCE].sort(compareLevels)).toEqual([
      'operational',
      'under_maintenance',
      'unknown',
      'degraded',
      'partial_outage',
      'major_outage',
    ]);
    expect(worstLevel(['unknown', 'degraded', 'under_maintenance'])).toBe(
      'degraded',
    );
    expect(worstLevel([])).toBe('operational');
    expect(isOutage('unknown')).toBe(false);
    expect(isOutage('degraded')).toBe(true);
  });

  it('lists the outages worst first, by precedence', () => {
    expect(OUTAGES_WORST_FIRST).toEqual(
      [...LEVEL_PRECEDENCE].filter(isOutage).reverse(),
    );
  });
});

const incident = (urgency: 'high' | 'low', priority?: string): Signal => ({
  kind: 'incident',
  id: `${urgency}-${priority}`,
  title: 't',
  urgency,
  priority,
});

describe('signal levels (defaults)', () => {
  it.each([
    [incident('high', 'P1'), 'major_outage'],
    [incident('low', 'P1'), 'major_outage'],
    [incident('high'), 'major_outage'],
    [incident('high', 'P2'), 'partial_outage'],
    [incident('high', 'P3'), 'partial_outage'],
    [incident('low'), 'degraded'],
    [incident('low', 'P4'), 'degraded'],
  ] as const)('%j → %s', (signal, level) =>
    expect(signalLevel(signal)).toBe(level),
  );

  it.each([
    ['critical', 'major_outage'],
    ['error', 'partial_outage'],
    ['warning', 'degraded'],
    ['info', 'operational'],
  ] as const)('alert %s → %s', (severity, level) =>
    expect(signalLevel({ kind: 'alert', id: 'a', title: 'a', severity })).toBe(
      level,
    ),
  );

  it('follows configured rules', () => {
    const rules = {
      ...DEFAULT_HEALTH_RULES,
      incidents: {
        ...DEFAULT_HEALTH_RULES.incidents,
        majorOutagePriorities: ['P1', 'P2'],
        lowUrgency: 'operational' as const,
      },
    };
    expect(signalLevel(incident('high', 'P2'), rules)).toBe('major_outage');
    expect(signalLevel(incident('low'), rules)).toBe('operational');
  });
});

describe('ownHealth', () => {
  const sources = {
    monitored: true,
    signals: [incident('low'), incident('high', 'P2')],
    underMaintenance: false,
    stale: false,
  };

  it('is the worst of the signals, with the reasons worst first', () => {
    const health = ownHealth(sources);
    expect(health.level).toBe('partial_outage');
    expect(health.reasons.map(r => r.level)).toEqual([
      'partial_outage',
      'degraded',
    ]);
  });

  it('is under maintenance during maintenance, keeping the signals visible', () => {
    const health = ownHealth({ ...sources, underMaintenance: true });
    expect(health.level).toBe('under_maintenance');
    expect(health.reasons).toHaveLength(2);
  });

  it('is unknown when the sources are stale, and absent when not monitored', () => {
    expect(ownHealth({ ...sources, signals: [], stale: true }).level).toBe(
      'unknown',
    );
    // a degraded signal still known ranks above not knowing
    expect(
      ownHealth({ ...sources, signals: [incident('low')], stale: true }).level,
    ).toBe('degraded');
    expect(ownHealth({ ...sources, stale: true }).level).toBe('partial_outage');
    expect(ownHealth({ ...sources, monitored: false }).level).toBeUndefined();
    expect(ownHealth({ ...sources, signals: [] }).level).toBe('operational');
  });
});

describe('inheritedOverEdge', () => {
  it('passes outages through a critical edge and degrades over an ordinary one', () => {
    expect(inheritedOverEdge('major_outage', true)).toBe('major_outage');
    expect(inheritedOverEdge('degraded', true)).toBe('degraded');
    expect(inheritedOverEdge('major_outage', false)).toBe('degraded');
    expect(inheritedOverEdge('partial_outage', false)).toBe('degraded');
    expect(inheritedOverEdge('degraded', false)).toBe('operational');
    expect(inheritedOverEdge('under_maintenance', true)).toBe('operational');
    expect(inheritedOverEdge('unknown', true)).toBe('operational');
  });
});
