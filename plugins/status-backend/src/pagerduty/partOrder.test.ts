import {
  PagerDutyDataPart,
  pagerDutySourceName,
} from '@status-layer/plugin-status-common';
import { SourceFreshness } from '../database';
import { nextTurn, readOrder, ROTATION_SYNCS } from './partOrder';

const start = Date.now();
const read = (
  part: PagerDutyDataPart,
  secondsAgo: number,
): SourceFreshness => ({
  source: pagerDutySourceName('default', part),
  lastSuccessAt: new Date(start - secondsAgo * 1000),
  consecutiveFailures: 0,
});

describe('readOrder', () => {
  it('reads services, then incidents, then the rest in a fixed order the first time', () => {
    expect(readOrder('default', [])).toEqual([
      'services',
      'incidents',
      'maintenance',
      'oncalls',
      'changes',
      'alerts',
      'notes',
      'dependencies',
      'timelines',
    ]);
  });

  it('puts incidents first, then the parts read longest ago, never read before all', () => {
    expect(
      readOrder('default', [
        read('services', 10),
        read('incidents', 1),
        read('maintenance', 30),
        read('oncalls', 20),
        // another account's parts do not count
        { ...read('changes', 100), source: 'pagerduty:eu:changes' },
        read('alerts', 5),
        read('notes', 5),
        read('dependencies', 40),
        read('timelines', 15),
      ]),
    ).toEqual([
      'incidents',
      'changes',
      'dependencies',
      'maintenance',
      'oncalls',
      'timelines',
      'services',
      'alerts',
      'notes',
    ]);
  });

  it('keeps services before incidents only while services have never been read', () => {
    expect(readOrder('default', [read('incidents', 60)]).slice(0, 2)).toEqual([
      'services',
      'incidents',
    ]);
    expect(
      readOrder('default', [read('services', 600), read('incidents', 60)])[0],
    ).toBe('incidents');
  });

  // A model of a sync under a budget: each part costs some requests; one that
  // does not fit in what is left spends it and fails.
  function simulate(costs: Record<PagerDutyDataPart, number>, budget: number) {
    const lastRead = new Map<PagerDutyDataPart, number>();
    const readAt: Record<string, number[]> = {};
    for (let sync = 0; sync < 4 * ROTATION_SYNCS; sync++) {
      const sources = [...lastRead].map(([part, at]) => ({
        source: pagerDutySourceName('default', part),
        lastSuccessAt: new Date(at),
        consecutiveFailures: 0,
      }));
      let left = budget;
      readOrder('default', sources).forEach((part, i) => {
        if (costs[part] <= left) {
          lastRead.set(part, sync * 100 + i);
          (readAt[part] ??= []).push(sync);
        }
        left = Math.max(0, left - costs[part]);
      });
    }
    return readAt;
  }

  it(`reads every part within ${ROTATION_SYNCS} syncs whenever each alone fits in what the incidents leave`, () => {
    const others: PagerDutyDataPart[] = [
      'services',
      'maintenance',
      'oncalls',
      'changes',
      'alerts',
      'notes',
      'dependencies',
      'timelines',
    ];
    let cases = 0;
    // every cost of 1 to 3 requests per part, with 1 for incidents and a budget of 4
    for (let code = 0; code < 3 ** others.length; code++) {
      const costs = { incidents: 1 } as Record<PagerDutyDataPart, number>;
      others.forEach((part, i) => {
        costs[part] = 1 + (Math.floor(code / 3 ** i) % 3);
      });
      const readAt = simulate(costs, 4);
      for (const part of ['incidents', ...others] as PagerDutyDataPart[]) {
        const syncs = readAt[part] ?? [];
        // read in the first syncs, and then never more than the bound apart
        expect(syncs[0]).toBeLessThan(ROTATION_SYNCS);
        for (let i = 1; i < syncs.length; i++)
          expect(syncs[i] - syncs[i - 1]).toBeLessThanOrEqual(ROTATION_SYNCS);
        expect(
          4 * ROTATION_SYNCS - syncs[syncs.length - 1],
        ).toBeLessThanOrEqual(ROTATION_SYNCS);
      }
      cases++;
    }
    expect(cases).toBe(3 ** 8);
  });
});

describe('nextTurn', () => {
  it('names the parts read before it at the next sync', () => {
    const next: PagerDutyDataPart[] = [
      'incidents',
      'changes',
      'oncalls',
      'alerts',
    ];
    expect(nextTurn('changes', next)).toBe(
      'at the next sync it comes right after incidents (the parts read longest ago go first)',
    );
    expect(nextTurn('alerts', next)).toBe(
      'at the next sync it comes after incidents, change events and on-call (the parts read longest ago go first)',
    );
    expect(nextTurn('services', ['services', 'incidents'])).toBe(
      'at the next sync it comes first',
    );
  });
});
