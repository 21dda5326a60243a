import { ConfigReader } from '@backstage/config';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import {
  describeObjective,
  describeRollupObjectives,
  objectiveOf,
  ObjectiveRules,
  readObjectiveRules,
} from './objectives';

jest.setTimeout(60_000);

const MIN = 60_000;
const CART = 'component:default/cart-api';
const AUTH = 'component:default/auth-service';
const rules: ObjectiveRules = {
  defaults: [
    {
      kind: 'component',
      lifecycle: 'production',
      target: 0.999,
      windowDays: 30,
    },
  ],
  maintenance: 'excluded',
  burnNotifications: true,
};

describe('objectives', () => {
  it('come from the annotation, else the first default that matches, and say what is wrong', () => {
    const entity = (
      annotations: Record<string, string>,
      lifecycle = 'production',
    ) =>
      ({
        ref: CART,
        kind: 'Component',
        name: 'cart-api',
        lifecycle,
        type: 'service',
        annotations,
      } as any);
    expect(
      objectiveOf(entity({ 'status.backstage.io/slo': '99.5/7d' }), rules),
    ).toEqual({
      objective: { target: 0.995, windowDays: 7, source: 'annotation' },
    });
    expect(objectiveOf(entity({}), rules)).toEqual({
      objective: { target: 0.999, windowDays: 30, source: 'config' },
    });
    expect(objectiveOf(entity({}, 'experimental'), rules)).toEqual({});
    expect(
      objectiveOf(entity({ 'status.backstage.io/slo': 'high' }), rules),
    ).toEqual({
      problem: expect.stringMatching(
        /^status.backstage.io\/slo: "high" is not an objective/,
      ),
    });
    expect(
      readObjectiveRules(
        new ConfigReader({
          status: {
            objectives: {
              defaults: [{ type: 'service', target: 99.9 }],
              maintenance: 'counted',
            },
          },
        }),
      ),
    ).toEqual({
      defaults: [{ type: 'service', target: 0.999, windowDays: 30 }],
      maintenance: 'counted',
      burnNotifications: true,
    });
    expect(() =>
      readObjectiveRules(
        new ConfigReader({
          status: { objectives: { defaults: [{ target: 100 }] } },
        }),
      ),
    ).toThrow(/status.objectives.defaults\[0\]: 100 % cannot be met/);
  });

  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = useShopDuringLoginOutage(databases, databaseId);

    it("splits cart-api's budget between the login outage it inherits and its own incident, naming auth-service only to its readers", async () => {
      const { sim, engine, store, all } = await start();
      await engine.refreshSignals();
      const read = (view = all, minutesOn = 20) =>
        describeObjective(
          {
            entityRef: CART,
            engine,
            store,
            view,
            query: {},
            now: new Date(Date.now() + minutesOn * MIN),
          },
          rules,
        );
      const inherited = await read();
      expect(inherited.objective).toEqual({
        target: 0.999,
        windowDays: 30,
        source: 'config',
      });
      const window = inherited.window!;
      expect(window.ownMs).toBe(0);
      expect(window.inheritedMs).toBeGreaterThanOrEqual(20 * MIN);
      expect(window.inheritedMs).toBeLessThan(21 * MIN);
      expect(window.upstreams.map(u => u.ref)).toEqual([AUTH]);
      expect(window.budgetMs).toBeCloseTo(0.001 * window.knownMs, 3);
      expect(window.budgetLeft).toBeCloseTo(
        1 - window.inheritedMs / window.budgetMs,
        6,
      );
      // down for all it watched of the last hour: a thousand times the pace allowed
      expect(inherited.burnRates!.hour!.rate).toBeCloseTo(1000, 0);
      expect(inherited.burnRates!.hour!.own).toBe(0);
      expect(inherited.exhaustsAt).toBeDefined();

      // someone who may not read auth-service sees its share, not its name
      const hidden = await read(
        callerView(
          [...engine.allEntities()].map(e => e.ref).filter(r => r !== AUTH),
        ),
      );
      expect(hidden.window!.upstreams.map(u => u.ref)).toEqual([
        HIDDEN_ENTITY_REF,
      ]);
      expect(JSON.stringify(hidden)).not.toContain('auth-service');

      // cart-api's own incident: its own downtime from then on
      const since = new Date();
      await store.upsertIncidents([
        {
          account: 'default',
          id: 'PCARTOWN',
          number: 99,
          title: 'Carts lost',
          serviceId: 'PCART00',
          status: 'triggered',
          urgency: 'high',
          priority: 'P1',
          createdAt: since,
          changedAt: since,
          observedAt: since,
          assignees: [],
        },
      ]);
      await engine.refreshSignals();
      const own = await read(all, 20);
      expect(own.window!.ownMs).toBeGreaterThanOrEqual(19 * MIN);
      expect(own.window!.ownMs).toBeLessThan(21 * MIN);
      // the inherited part stopped counting when its own began
      expect(own.window!.inheritedMs).toBeLessThan(MIN);
      expect(own.burnRates!.hour!.own).toBeGreaterThan(
        own.burnRates!.hour!.inherited,
      );
      void sim;

      // the shop team's services at a glance: cart-api's budget first
      const team = await describeRollupObjectives(
        {
          entityRef: 'group:default/shop',
          engine,
          store,
          view: all,
          query: {},
          now: new Date(Date.now() + 20 * MIN),
        },
        rules,
      );
      expect(team.members.map(m => m.entityRef)).toEqual([
        CART,
        'component:default/quote-engine',
        'component:default/shop-web',
      ]);
      expect(team.members[0].window!.budgetLeft).toBeLessThan(1);
      expect(team).toMatchObject({ withoutObjective: 0, truncated: false });
    });
  });
});
