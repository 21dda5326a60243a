import path from 'node:path';
import { startPagerDutySimulator } from '../startPagerDutySimulator';
import { readCatalogEntityRefs, readCatalogSeed } from './readCatalog';
import { currentRotationStart } from './seedAccount';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const catalogFile = path.resolve(
  __dirname,
  '../../../../examples/catalog.yaml',
);

describe('seeding from the demo catalog', () => {
  it('reads every PagerDuty service and the owning groups with their members', () => {
    const seed = readCatalogSeed(catalogFile);
    expect(seed.services.length).toBeGreaterThanOrEqual(70);
    expect(
      seed.services.find(s => s.entityName === 'auth-service'),
    ).toMatchObject({ ownerGroup: 'platform' });
    const platform = seed.groups.find(g => g.name === 'platform')!;
    expect(platform.members.length).toBe(3);
    expect(platform.members[0].email).toMatch(/@meridian\.example$/);
  });

  it('also has a service no entity references, for the Coverage tab to suggest', () => {
    const seed = readCatalogSeed(catalogFile);
    expect(
      seed.services.find(s => s.entityName === 'music-playlist-service'),
    ).toMatchObject({ serviceId: 'PPLAYL5', ownerGroup: 'music' });
  });

  it('lists the ref of every entity the catalog files define, following Locations', () => {
    const refs = readCatalogEntityRefs(catalogFile);
    expect(refs).toEqual(
      expect.arrayContaining([
        'component:default/shop-web',
        'group:default/platform',
        'user:default/guest',
      ]),
    );
    expect(refs.filter(r => r.startsWith('location:'))).toEqual([]);
    expect(new Set(refs).size).toBe(refs.length);
    // every PagerDuty-annotated entity is among them
    const names = new Set(refs.map(r => r.replace(/^[^/]+\//, '')));
    expect(
      readCatalogSeed(catalogFile)
        .services.map(service => service.entityName)
        .filter(name => !names.has(name)),
    ).toEqual([]);
  });

  it("leaves a quiet service's last days without incidents, and moves no other service's history", async () => {
    const seed = readCatalogSeed(catalogFile);
    const shopWeb = seed.services.find(s => s.entityName === 'shop-web')!;
    expect(shopWeb.quietDays).toBe(32);
    const history = async (quiet: boolean) => {
      const sim = await startPagerDutySimulator({
        seed: 42,
        now: () => NOW,
        catalog: quiet
          ? seed
          : {
              ...seed,
              services: seed.services.map(({ quietDays, ...s }) => s),
            },
      });
      try {
        return [...sim.state.incidents.values()].map(i => ({
          serviceId: i.serviceId,
          at: i.createdAt.getTime(),
        }));
      } finally {
        await sim.close();
      }
    };
    const [quiet, loud] = await Promise.all([history(true), history(false)]);
    const since = NOW.getTime() - 32 * 86_400_000;
    const ofShopWeb = (h: typeof quiet) =>
      h.filter(i => i.serviceId === shopWeb.serviceId);
    expect(ofShopWeb(loud).some(i => i.at > since)).toBe(true);
    expect(ofShopWeb(quiet).filter(i => i.at > since)).toEqual([]);
    expect(ofShopWeb(quiet).length).toBeGreaterThan(0);
    const others = (h: typeof quiet) =>
      h.filter(i => i.serviceId !== shopWeb.serviceId);
    expect(others(quiet)).toEqual(others(loud));
  });

  it('builds the same account for the same seed, and another for another seed', async () => {
    const summary = async (seed: number) => {
      const sim = await startPagerDutySimulator({
        seed,
        now: () => NOW,
        catalogFile,
        missingServiceIds: ['PNOSUCH'],
      });
      try {
        return {
          incidents: [...sim.state.incidents.values()].map(
            i =>
              `${i.id}:${
                i.number
              }:${i.createdAt.toISOString()}:${i.resolvedAt?.toISOString()}`,
          ),
          policies: [...sim.state.escalationPolicies.keys()],
          services: [...sim.state.services.keys()],
        };
      } finally {
        await sim.close();
      }
    };
    const a = await summary(42);
    const b = await summary(42);
    const c = await summary(43);
    expect(a).toEqual(b);
    expect(c.incidents).not.toEqual(a.incidents);
    expect(a.services).not.toContain('PNOSUCH');
  });

  it('looks the same whatever day it starts: history at the same distance from now, the same people on call', async () => {
    const snapshot = async (now: Date) => {
      const sim = await startPagerDutySimulator({
        seed: 42,
        now: () => now,
        catalogFile,
      });
      try {
        const { state } = sim;
        return {
          history: [...state.incidents.values()].map(i => [
            i.number,
            now.getTime() - i.createdAt.getTime(),
            i.resolvedAt!.getTime() - i.createdAt.getTime(),
          ]),
          onCall: [...state.escalationPolicies.values()].map(policy =>
            state.onCallNow(policy, now).map(o => o.userId),
          ),
        };
      } finally {
        await sim.close();
      }
    };
    const today = await snapshot(NOW);
    // a year and a few days on, another weekday and time of day
    const later = await snapshot(
      new Date(NOW.getTime() + 369 * 86_400_000 + 5 * 3_600_000),
    );
    expect(later).toEqual(today);
  });

  it('starts each weekly shift on the Monday 09:00 UTC on or before now', () => {
    const at = (iso: string) =>
      currentRotationStart(new Date(iso)).toISOString();
    expect(at('2031-03-12T15:00:00.000Z')).toBe('2031-03-10T09:00:00.000Z');
    expect(at('2031-03-10T09:00:00.000Z')).toBe('2031-03-10T09:00:00.000Z');
    expect(at('2031-03-10T08:59:59.000Z')).toBe('2031-03-03T09:00:00.000Z');
    expect(at('2031-03-16T23:00:00.000Z')).toBe('2031-03-10T09:00:00.000Z');
  });

  it('gives every team a two-level policy, a rotating schedule, and a realistic history', async () => {
    const sim = await startPagerDutySimulator({
      seed: 42,
      now: () => NOW,
      catalogFile,
    });
    try {
      const { state } = sim;
      expect(state.priorities.map(p => p.name)).toEqual([
        'P1',
        'P2',
        'P3',
        'P4',
        'P5',
      ]);
      for (const policy of state.escalationPolicies.values()) {
        expect(policy.rules).toHaveLength(2);
      }
      const policy = [...state.escalationPolicies.values()][0];
      const thisWeek = state.onCallNow(policy, NOW)[0].userId;
      const nextWeek = state.onCallNow(
        policy,
        new Date(NOW.getTime() + 7 * 86_400_000),
      )[0].userId;
      expect(nextWeek).not.toBe(thisWeek);

      const incidents = [...state.incidents.values()];
      const perService = incidents.length / state.services.size;
      expect(perService).toBeGreaterThanOrEqual(3);
      expect(perService).toBeLessThanOrEqual(10);
      expect(incidents.every(i => i.status === 'resolved')).toBe(true);
      expect(
        incidents.every(
          i => i.createdAt >= new Date(NOW.getTime() - 90 * 86_400_000),
        ),
      ).toBe(true);
      const minutes = (ms: number) => ms / 60_000;
      const tta = incidents
        .map(i => minutes(i.acknowledgedAt!.getTime() - i.createdAt.getTime()))
        .sort((x, y) => x - y);
      const ttr = incidents
        .map(i => minutes(i.resolvedAt!.getTime() - i.createdAt.getTime()))
        .sort((x, y) => x - y);
      const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
      expect(median(tta)).toBeGreaterThan(1);
      expect(median(tta)).toBeLessThan(15);
      expect(median(ttr)).toBeGreaterThan(20);
      expect(median(ttr)).toBeLessThan(240);
      // incident numbers grow with creation time
      const byNumber = [...incidents].sort((x, y) => x.number - y.number);
      expect(byNumber.map(i => i.createdAt.getTime())).toEqual(
        byNumber.map(i => i.createdAt.getTime()).sort((x, y) => x - y),
      );
    } finally {
      await sim.close();
    }
  });
});
