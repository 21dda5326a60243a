import { HealthLevel } from '@status-layer/plugin-status-common';
import { Random } from '@internal/pagerduty-simulator';
import { LEVELS_WORST_FIRST, WorstFirstOrder } from './worstFirst';

type Item = { ref: string; level: HealthLevel };

describe('WorstFirstOrder', () => {
  it('patches a list as sorting the changed list again would, with a few changes or many, ranked refs or not', () => {
    const random = new Random(7);
    const pick = <T>(list: readonly T[]) =>
      list[Math.floor(random.next() * list.length)];
    const refs = Array.from(
      { length: 2000 },
      (_, i) => `component:default/svc-${(i * 7919) % 2000}`,
    );
    // the first half ranked, as at the last full build; the rest added since
    const ranked = [...refs.slice(0, 1000)].sort(new Intl.Collator().compare);
    const rank = new Map(ranked.map((ref, i) => [ref, i]));
    for (const rankOf of [undefined, (ref: string) => rank.get(ref)]) {
      const order = new WorstFirstOrder<Item>(
        i => i.ref,
        i => i.level,
        rankOf,
      );
      const plain = new WorstFirstOrder<Item>(
        i => i.ref,
        i => i.level,
      );
      let current = new Map(
        refs
          .filter(() => random.next() < 0.6)
          .map(ref => [ref, { ref, level: pick(LEVELS_WORST_FIRST) }]),
      );
      let list = order.sort([...current.values()]);
      for (const changes of [3, 40, 300, 1200]) {
        const removed = new Set<string>();
        const added: Item[] = [];
        const gone: Item[] = [];
        for (let i = 0; i < changes; i++) {
          const ref = pick(refs);
          if (removed.has(ref)) continue;
          removed.add(ref);
          if (random.next() < 0.7)
            added.push({ ref, level: pick(LEVELS_WORST_FIRST) });
        }
        const before = list;
        list = order.patched(list, removed, added, item => gone.push(item));
        const next = new Map(current);
        for (const ref of removed) next.delete(ref);
        for (const item of added) next.set(item.ref, item);
        expect(list).toEqual(plain.sort([...next.values()]));
        const held = current;
        expect(gone.map(i => i.ref).sort()).toEqual(
          [...removed].filter(ref => held.has(ref)).sort(),
        );
        // the list given is left as it was
        expect(before).toEqual(plain.sort([...current.values()]));
        current = next;
      }
    }
  });

  it('picks the first few of many in one pass, as sorting them all would', () => {
    const random = new Random(11);
    const order = new WorstFirstOrder<Item>(
      i => i.ref,
      i => i.level,
    );
    const items = Array.from({ length: 3000 }, (_, i) => ({
      ref: `component:default/svc-${(i * 7919) % 3000}`,
      level:
        LEVELS_WORST_FIRST[
          Math.floor(random.next() * LEVELS_WORST_FIRST.length)
        ],
    }));
    for (const limit of [0, 1, 10, 50, 2999, 3000, 5000])
      expect(order.first(items, limit)).toEqual(
        order.sort(items).slice(0, limit),
      );
    // any iterable, read once
    expect(order.first(new Set(items.slice(0, 20)), 5)).toEqual(
      order.sort(items.slice(0, 20)).slice(0, 5),
    );
  });
});
