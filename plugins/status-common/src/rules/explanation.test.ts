import {
  explainStatus,
  formatExplanation,
  StatusExplanationWording,
} from './explanation';

/** The one line the API sends. */
const explain = (input: Parameters<typeof explainStatus>[0]) =>
  formatExplanation(explainStatus(input));

describe('explanations', () => {
  const top = {
    entityRef: 'component:default/auth-service',
    name: 'auth-service',
    level: 'major_outage' as const,
    hops: 2,
  };

  it('names the upstream when the inherited level is the worse one', () => {
    expect(
      explain({
        levels: {
          own: 'degraded',
          inherited: 'major_outage',
          effective: 'major_outage',
        },
        own: { incidents: 1, alerts: 0 },
        top,
      }),
    ).toBe(
      'Major outage — impacted by auth-service (Major outage), 2 hops upstream and 1 active incident of its own',
    );
    expect(
      explain({
        levels: {
          own: 'operational',
          inherited: 'degraded',
          effective: 'degraded',
        },
        own: { incidents: 0, alerts: 0 },
        top: { ...top, hops: 1 },
      }),
    ).toBe(
      'Degraded — impacted by auth-service (Major outage), 1 hop upstream',
    );
  });

  it("speaks of the entity's own incidents and alerts, apart, when they are the worse", () => {
    const levels = {
      own: 'major_outage' as const,
      inherited: 'degraded' as const,
      effective: 'major_outage' as const,
    };
    expect(explain({ levels, own: { incidents: 2, alerts: 0 }, top })).toBe(
      'Major outage — 2 active incidents of its own',
    );
    // alerts are not incidents
    expect(explain({ levels, own: { incidents: 1, alerts: 2 }, top })).toBe(
      'Major outage — 1 active incident, 2 firing alerts of its own',
    );
    expect(explain({ levels, own: { incidents: 0, alerts: 1 }, top })).toBe(
      'Major outage — 1 firing alert of its own',
    );
  });

  it('says operational, or not monitored', () => {
    expect(
      explain({
        levels: {
          own: 'operational',
          inherited: 'operational',
          effective: 'operational',
        },
        own: { incidents: 0, alerts: 0 },
      }),
    ).toBe('Operational');
    expect(
      explain({
        levels: {
          own: undefined,
          inherited: 'operational',
          effective: 'operational',
        },
        own: { incidents: 0, alerts: 0 },
      }),
    ).toBe('Operational — not monitored');
  });

  it('says why a monitored entity is unknown: not read yet, or stale', () => {
    const unknown = {
      levels: {
        own: 'unknown' as const,
        inherited: 'operational' as const,
        effective: 'unknown' as const,
      },
      own: { incidents: 0, alerts: 0 },
    };
    expect(explain({ ...unknown, waitingForPagerDuty: true })).toBe(
      'Unknown — waiting for PagerDuty',
    );
    expect(explain(unknown)).toBe(
      'Unknown — PagerDuty cannot be read; its data is stale',
    );
  });

  it('are data first: the reasons, and a hidden upstream without a name', () => {
    const hidden = explainStatus({
      levels: {
        own: 'operational',
        inherited: 'degraded',
        effective: 'degraded',
      },
      own: { incidents: 0, alerts: 0 },
      top: { entityRef: 'hidden', level: 'major_outage', hops: 3 },
    });
    expect(hidden).toEqual({
      level: 'degraded',
      reasons: [
        {
          kind: 'upstream',
          entityRef: 'hidden',
          level: 'major_outage',
          hops: 3,
        },
      ],
    });
    expect(formatExplanation(hidden)).toBe(
      'Degraded — impacted by an upstream you cannot see, 3 hops upstream',
    );
  });

  it('are worded by whatever wording a page gives, e.g. a translation', () => {
    const french: StatusExplanationWording = (key, params = {}) =>
      ({
        sentence: `${params.level} : ${params.reasons}`,
        upstream: `touché par ${params.name} (${params.level}), ${params.hops}`,
        hops: `${params.count} niveau(x) en amont`,
      }[key as string] ?? key);
    const levelLabel = (level: string) =>
      ({ degraded: 'Dégradé', major_outage: 'Panne majeure' }[level] ?? level);
    expect(
      formatExplanation(
        explainStatus({
          levels: {
            own: 'operational',
            inherited: 'degraded',
            effective: 'degraded',
          },
          own: { incidents: 0, alerts: 0 },
          top: { ...top, hops: 1 },
        }),
        french,
        levelLabel,
      ),
    ).toBe(
      'Dégradé : touché par auth-service (Panne majeure), 1 niveau(x) en amont',
    );
  });
});
