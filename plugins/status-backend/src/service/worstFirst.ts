import {
  HealthLevel,
  LEVEL_PRECEDENCE,
} from '@status-layer/plugin-status-common';

/** Worst first: the order of the summary's lists. */
export const LEVELS_WORST_FIRST: readonly HealthLevel[] = [
  ...LEVEL_PRECEDENCE,
].reverse();

const LEVEL_INDEX = new Map(LEVELS_WORST_FIRST.map((level, i) => [level, i]));

const collator = new Intl.Collator();

/** Past this many added items, one merge costs less than an insertion each. */
const MERGE_FROM = 256;

/**
 * The order of the summary's lists, worst level first, then by ref: lists
 * kept in it are patched with what changed instead of sorted again, and
 * the refs themselves are compared, so that a catalog change that adds an
 * entity leaves every other in its place.
 *
 * @internal
 */
export class WorstFirstOrder<T> {
  readonly compare: (a: T, b: T) => number;
  /** The order of refs alone (the tie-break of equal levels). */
  readonly compareRefs: (a: string, b: string) => number;

  /**
   * `rankOf` gives a ref's place among refs sorted once (undefined for refs
   * added since): comparing places is a cheaper way to compare refs.
   */
  constructor(
    private readonly refOf: (item: T) => string,
    private readonly levelOf: (item: T) => HealthLevel,
    rankOf: (ref: string) => number | undefined = () => undefined,
  ) {
    this.compareRefs = (a, b) => {
      const ra = rankOf(a);
      const rb = rankOf(b);
      return ra !== undefined && rb !== undefined
        ? ra - rb
        : collator.compare(a, b);
    };
    this.compare = (a, b) =>
      this.compareKeys(levelOf(a), refOf(a), levelOf(b), refOf(b));
  }

  private compareKeys(
    levelA: HealthLevel,
    refA: string,
    levelB: HealthLevel,
    refB: string,
  ): number {
    return (
      LEVEL_INDEX.get(levelA)! - LEVEL_INDEX.get(levelB)! ||
      this.compareRefs(refA, refB)
    );
  }

  /** Items in this order, without changing `items`. */
  sort(items: readonly T[]): T[] {
    return [...items].sort(this.compare);
  }

  /**
   * The first `limit` of some items in this order, in one pass over them
   * that keeps only those `limit`: however many there are, nothing else is
   * sorted or kept.
   */
  first(items: Iterable<T>, limit: number): T[] {
    const kept: T[] = [];
    if (limit <= 0) return kept;
    for (const item of items) {
      if (kept.length === limit) {
        if (this.compare(item, kept[limit - 1]) >= 0) continue;
        kept.pop();
      }
      kept.splice(this.placeOf(kept, item), 0, item);
    }
    return kept;
  }

  /**
   * A copy of `list` (in this order) without the items of the `removed`
   * refs and with `added` in their places; `list` itself is left as it was
   * (a reader of the last state may still be paging it). `onRemoved` is
   * told each item taken out. A few changes are found by bisection; many,
   * by one pass.
   */
  patched(
    list: readonly T[],
    removed: ReadonlySet<string>,
    added: T[],
    onRemoved?: (item: T) => void,
  ): T[] {
    if (removed.size + added.length >= MERGE_FROM)
      return this.merged(list, removed, added, onRemoved);
    const next = list.slice();
    for (const ref of removed) {
      const at = this.indexOfRef(next, ref);
      if (at < 0) continue;
      onRemoved?.(next[at]);
      next.splice(at, 1);
    }
    for (const item of added) next.splice(this.placeOf(next, item), 0, item);
    return next;
  }

  /** Where an item of `ref` is in `list`, whatever its level; -1 when absent. */
  private indexOfRef(list: readonly T[], ref: string): number {
    for (const level of LEVELS_WORST_FIRST) {
      const at = this.bisect(list, item =>
        this.compareKeys(this.levelOf(item), this.refOf(item), level, ref),
      );
      if (at < list.length && this.refOf(list[at]) === ref) return at;
    }
    return -1;
  }

  /** Where `item` goes in `list`: after every item that sorts before it. */
  private placeOf(list: readonly T[], item: T): number {
    return this.bisect(list, other => this.compare(other, item));
  }

  /** The first index whose item does not sort before the probe (`before` < 0). */
  private bisect(list: readonly T[], before: (item: T) => number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(list[middle]) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private merged(
    list: readonly T[],
    removed: ReadonlySet<string>,
    added: T[],
    onRemoved?: (item: T) => void,
  ): T[] {
    const sorted = this.sort(added);
    const result: T[] = [];
    let next = 0;
    for (const item of list) {
      if (removed.has(this.refOf(item))) {
        onRemoved?.(item);
        continue;
      }
      while (next < sorted.length && this.compare(sorted[next], item) < 0)
        result.push(sorted[next++]);
      result.push(item);
    }
    while (next < sorted.length) result.push(sorted[next++]);
    return result;
  }
}
