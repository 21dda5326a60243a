import {
  nameWords,
  pluralsOf,
  sameNameLikeness,
  wordLikeness,
} from './nameSimilarity';

/**
 * The most entities a catalog word is looked up in, those whose names it
 * says most of, so that a lookup costs the same however large the catalog.
 */
const MAX_ENTITIES_PER_WORD = 1000;
/** How many of the entities found at first glance are weighed in full. */
const SHORTLIST = 30;
/** Below this score, what a name and an entity share is no evidence. */
const MIN_SCORE = 0.2;

/**
 * An entity as the name index reads it.
 *
 * @public
 */
export type NamedEntity = { ref: string; name: string; title?: string };

/**
 * An entity whose name is like one asked for, and how much (above 1 when
 * the whole names are near-identical).
 *
 * @public
 */
export type NameMatch = { ref: string; score: number };

/** A catalog entity with the words of its name and title. */
type Entry = {
  /** Its place in the index's entries. */
  index: number;
  ref: string;
  name: string[];
  title: string[];
  /** What its name's words weigh together. */
  weight: number;
};

/** For one asked word: the catalog words like it, and what it weighs. */
type NearWords = { likeness: Map<string, number>; weight: number };

const addTo = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * The catalog's entities by the words of their names and titles, to find
 * those named like something that names no entity: an alert's labels, a
 * PagerDuty service's name.
 *
 * @remarks
 * Each word asked is looked up with its plurals and near spellings, and the
 * entities found are scored: words weigh by rarity in the catalog (inverse
 * document frequency), so that a word most entities share, like `service`,
 * counts for little and alone finds nothing, and an entity whose whole name
 * is near-identical to one asked comes first.
 *
 * @public
 */
export class EntityNameIndex {
  /** Each word's entities, those whose names it says most of first, so many at most. */
  private readonly byWord = new Map<string, Entry[]>();
  /**
   * Catalog words without digits by their first three letters, to find near
   * spellings; words with digits (`team42`) are identifiers, found only as
   * written or as plurals, and would crowd the lists.
   */
  private readonly byPrefix = new Map<string, string[]>();
  private readonly rarity = new Map<string, number>();
  /** Words most entities share: alone they say nothing of which entity is meant. */
  private readonly common = new Set<string>();
  private readonly entries: Entry[];
  // per entity, reused from lookup to lookup and cleared where written, so
  // a first glance at thousands of entities costs no allocation
  private readonly said: Float64Array;
  private readonly glance: Float64Array;

  constructor(entities: Iterable<NamedEntity>) {
    const entries: Entry[] = [...entities].map((entity, index) => ({
      index,
      ref: entity.ref,
      name: nameWords(entity.name),
      title: nameWords(entity.title ?? ''),
      weight: 0,
    }));
    for (const entry of entries)
      for (const word of new Set([...entry.name, ...entry.title]))
        addTo(this.byWord, word, entry);
    for (const [word, list] of this.byWord) {
      this.rarity.set(word, Math.log((entries.length + 1) / list.length));
      if (list.length >= 2 && list.length * 2 > entries.length)
        this.common.add(word);
      if (!/\d/.test(word)) addTo(this.byPrefix, word.slice(0, 3), word);
    }
    for (const entry of entries) entry.weight = this.weightOf(entry.name);
    this.entries = entries;
    this.said = new Float64Array(entries.length);
    this.glance = new Float64Array(entries.length);
    for (const list of this.byWord.values()) {
      // stable: among equals, the catalog's order
      list.sort((a, b) => a.weight - b.weight);
      list.length = Math.min(list.length, MAX_ENTITIES_PER_WORD);
    }
  }

  /**
   * The entities named most like any of `names`, best first, at most `max`,
   * only among those `allow` accepts (the others are never weighed, so they
   * crowd out nobody).
   */
  closest(
    names: string[],
    options: { max: number; allow?: (ref: string) => boolean },
  ): NameMatch[] {
    const phrases = [...new Set(names)]
      .map(nameWords)
      .filter(words => words.length);
    const near = new Map<string, NearWords>();
    const nearOf = (word: string) => {
      let found = near.get(word);
      if (!found) near.set(word, (found = this.nearWords(word)));
      return found;
    };
    const scores: NameMatch[] = [];
    for (const entry of this.shortlist(phrases, nearOf, options.allow)) {
      let best = 0;
      for (const phrase of phrases)
        for (const words of [entry.name, entry.title])
          if (words.length)
            best = Math.max(best, this.score(phrase, words, nearOf));
      if (best >= MIN_SCORE) scores.push({ ref: entry.ref, score: best });
    }
    return scores
      .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
      .slice(0, options.max);
  }

  /**
   * The entities most worth weighing in full: at first glance, those the
   * greatest share of whose name (by rarity) one of the names asked says,
   * found through its words' rarer like words.
   */
  private shortlist(
    phrases: string[][],
    nearOf: (word: string) => NearWords,
    allow?: (ref: string) => boolean,
  ): Entry[] {
    const { said, glance } = this;
    const glanced: number[] = [];
    for (const phrase of phrases) {
      const likeWords = new Map<string, number>();
      for (const word of phrase)
        for (const [like, q] of nearOf(word).likeness)
          if (!this.common.has(like) && q > (likeWords.get(like) ?? 0))
            likeWords.set(like, q);
      const saidOf: number[] = [];
      for (const [like, q] of likeWords) {
        const part = this.rarity.get(like)! * q;
        for (const { index, ref } of this.byWord.get(like)!) {
          if (allow && !allow(ref)) continue;
          if (!said[index]) saidOf.push(index);
          said[index] += part;
        }
      }
      for (const index of saidOf) {
        const share = said[index] / (this.entries[index].weight || 1);
        said[index] = 0;
        if (!glance[index]) glanced.push(index);
        glance[index] = Math.max(glance[index], share);
      }
    }
    // the best few, kept in order as they come, without sorting them all
    const best: number[] = [];
    for (const index of glanced) {
      const share = glance[index];
      if (best.length < SHORTLIST || share > glance[best[best.length - 1]]) {
        let at = best.length;
        while (at > 0 && glance[best[at - 1]] < share) at--;
        best.splice(at, 0, index);
        if (best.length > SHORTLIST) best.pop();
      }
    }
    const found = best.map(index => this.entries[index]);
    for (const index of glanced) glance[index] = 0;
    return found;
  }

  /**
   * How well an entity's name fits one of the names asked: above 1 when the
   * whole names are near-identical; else the harmonic mean of how much of
   * the entity's name the asked one says and how much of the asked name the
   * entity explains, both weighed by rarity.
   */
  private score(
    phrase: string[],
    words: string[],
    nearOf: (word: string) => NearWords,
  ): number {
    const whole = sameNameLikeness(phrase, words);
    if (whole) return 1 + whole;
    // the likest pairing of each entity word, and of each asked word
    const bestOfEntity = words.map(() => 0);
    let explained = 0;
    let told = 0;
    for (const a of phrase) {
      const near = nearOf(a);
      let best = 0;
      words.forEach((e, i) => {
        const q = near.likeness.get(e) ?? 0;
        best = Math.max(best, q);
        bestOfEntity[i] = Math.max(bestOfEntity[i], q);
      });
      told += near.weight;
      explained += near.weight * best;
    }
    let said = 0;
    words.forEach((e, i) => (said += this.rarity.get(e)! * bestOfEntity[i]));
    const recall = said / this.weightOf(words);
    const precision = told ? explained / told : 0;
    return recall && precision
      ? (2 * recall * precision) / (recall + precision)
      : 0;
  }

  /**
   * The catalog words like an asked word: itself, its plural or singular,
   * near spellings; it weighs what the likest of them weighs (0 when none).
   */
  private nearWords(word: string): NearWords {
    const found = new Map<string, number>();
    const seen = [
      word,
      ...pluralsOf(word),
      ...(this.byPrefix.get(word.slice(0, 3)) ?? []),
    ];
    let weight = 0;
    let best = 0;
    for (const like of seen) {
      if (found.has(like) || !this.byWord.has(like)) continue;
      const q = wordLikeness(word, like);
      if (!q) continue;
      found.set(like, q);
      if (q > best) {
        best = q;
        weight = this.rarity.get(like)!;
      }
    }
    return { likeness: found, weight };
  }

  private weightOf(words: string[]): number {
    return words.reduce((sum, w) => sum + (this.rarity.get(w) ?? 0), 0);
  }
}
