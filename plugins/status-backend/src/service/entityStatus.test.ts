import { explain } from './entityStatus';

describe('explain', () => {
  const top = { name: 'auth-service', level: 'major_outage' as const, hops: 2 };

  it('names the upstream when the inherited level is the worse one', () => {
    expect(
      explain({
        levels: {
          own: 'degraded',
          inherited: 'major_outage',
          effective: 'major_outage',
        },
        ownIncidents: 1,
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
        ownIncidents: 0,
        top: { ...top, hops: 1 },
      }),
    ).toBe(
      'Degraded — impacted by auth-service (Major outage), 1 hop upstream',
    );
  });

  it("speaks of the entity's own incidents when they are the worse", () => {
    expect(
      explain({
        levels: {
          own: 'major_outage',
          inherited: 'degraded',
          effective: 'major_outage',
        },
        ownIncidents: 2,
        top,
      }),
    ).toBe('Major outage — 2 active incidents of its own');
  });

  it('says operational, or not monitored', () => {
    expect(
      explain({
        levels: {
          own: 'operational',
          inherited: 'operational',
          effective: 'operational',
        },
        ownIncidents: 0,
      }),
    ).toBe('Operational');
    expect(
      explain({
        levels: {
          own: undefined,
          inherited: 'operational',
          effective: 'operational',
        },
        ownIncidents: 0,
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
      ownIncidents: 0,
    };
    expect(explain({ ...unknown, waitingForPagerDuty: true })).toBe(
      'Unknown — waiting for PagerDuty',
    );
    expect(explain(unknown)).toBe(
      'Unknown — PagerDuty cannot be read; its data is stale',
    );
  });
});
