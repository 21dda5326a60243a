import { changeFollowUp, LevelTransition } from './followUp';

const MINUTE = 60_000;
const base = Date.now();
const at = (minutes: number) => new Date(base + minutes * MINUTE);
const transition = (
  minutes: number,
  effective: [string, string],
  own?: [string, string],
): LevelTransition => ({
  at: at(minutes),
  effectiveFrom: effective[0],
  effectiveTo: effective[1],
  ownFrom: own?.[0],
  ownTo: own?.[1],
});

describe('changeFollowUp', () => {
  it("names the changed upstream's own outage when it came first", () => {
    const followUp = changeFollowUp({
      at: at(0),
      changed: {
        entityRef: 'component:default/auth-service',
        transitions: [
          transition(
            6,
            ['operational', 'major_outage'],
            ['operational', 'major_outage'],
          ),
        ],
      },
      listed: {
        entityRef: 'component:default/cart-api',
        transitions: [transition(7, ['operational', 'partial_outage'])],
      },
    });
    expect(followUp).toEqual({
      entityRef: 'component:default/auth-service',
      level: 'major_outage',
      at: at(6).toISOString(),
      minutesAfter: 6,
    });
  });

  it("falls back to the listed entity's level, upstreams included", () => {
    const followUp = changeFollowUp({
      at: at(0),
      changed: { entityRef: 'component:default/auth-service', transitions: [] },
      listed: {
        entityRef: 'component:default/cart-api',
        transitions: [transition(30.5, ['operational', 'degraded'])],
      },
    });
    expect(followUp).toMatchObject({
      entityRef: 'component:default/cart-api',
      level: 'degraded',
      minutesAfter: 30,
    });
  });

  it('ignores what came before the change, improvements, maintenance and what came two hours later', () => {
    const changed = {
      entityRef: 'component:default/auth-service',
      transitions: [
        transition(
          -5,
          ['operational', 'major_outage'],
          ['operational', 'major_outage'],
        ),
        transition(
          10,
          ['major_outage', 'degraded'],
          ['major_outage', 'degraded'],
        ),
        transition(
          20,
          ['degraded', 'under_maintenance'],
          ['degraded', 'under_maintenance'],
        ),
        transition(
          121,
          ['under_maintenance', 'major_outage'],
          ['under_maintenance', 'major_outage'],
        ),
      ],
    };
    expect(
      changeFollowUp({
        at: at(0),
        changed,
        listed: { entityRef: 'component:default/cart-api', transitions: [] },
      }),
    ).toBeUndefined();
  });

  it("does not blame a change for an upstream's outage on the changed entity's own level", () => {
    // auth-service went red only because its own upstream did: not its own signals
    const followUp = changeFollowUp({
      at: at(0),
      changed: {
        entityRef: 'component:default/auth-service',
        transitions: [
          transition(
            3,
            ['operational', 'major_outage'],
            ['operational', 'operational'],
          ),
        ],
      },
      listed: { entityRef: 'component:default/cart-api', transitions: [] },
    });
    expect(followUp).toBeUndefined();
  });

  it('names the incident opened on the changed entity, even when no level change was recorded then', () => {
    const followUp = changeFollowUp({
      at: at(0),
      changed: {
        entityRef: 'component:default/auth-service',
        // already down before the change, as the status layer last recorded it
        transitions: [
          transition(
            -60,
            ['operational', 'major_outage'],
            ['operational', 'major_outage'],
          ),
        ],
        incidents: [
          { at: at(-30), title: 'Earlier', level: 'major_outage' },
          { at: at(4), title: 'Slow logins', level: 'operational' },
          { at: at(6), title: 'Login failing', level: 'major_outage' },
        ],
      },
      listed: { entityRef: 'component:default/shop-web', transitions: [] },
    });
    expect(followUp).toEqual({
      entityRef: 'component:default/auth-service',
      level: 'major_outage',
      at: at(6).toISOString(),
      minutesAfter: 6,
      incident: 'Login failing',
    });
  });
});
