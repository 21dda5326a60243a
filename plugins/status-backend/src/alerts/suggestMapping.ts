import {
  ALERT_ENTITY_NAME_LABELS,
  AZURE_RESOURCE_ID_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  NormalisedAlert,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { addTo } from '../lib/addTo';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { AlertMapper, AlertMatch } from './AlertMapper';

const MAX_CANDIDATES = 3;
/**
 * The most entities a catalog word is looked up in, those whose names it
 * says most of, so that an alert costs the same however large the catalog.
 */
const MAX_ENTITIES_PER_WORD = 1000;
/** How many of the entities found at first glance are weighed in full. */
const SHORTLIST = 30;
/** Below this score, what an alert and an entity share is no evidence. */
const MIN_SCORE = 0.2;
/** A singular for a plural (`payment`, `payments`) is nearly the same word. */
const PLURAL = 0.9;
/** A word a letter or two off (`auth`, `authn`) counts at most this much. */
const TYPO = 0.8;

/** Words of a name: `points-api`, `Points API` and `points_api` share `points` and `api`. */
const wordsOf = (value: string) =>
  value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word.length >= 2);

/** The words an English plural or singular of `word` would be. */
function pluralsOf(word: string): string[] {
  const forms = [`${word}s`, `${word}es`];
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  return forms;
}

const isPlural = (a: string, b: string) => pluralsOf(a).includes(b);

/**
 * The Levenshtein distance of two short strings, or `limit + 1` once it is
 * sure to exceed `limit`: near spellings are all that is asked, so most
 * comparisons stop after a row or two.
 */
export function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      least = Math.min(least, row[j]);
    }
    if (least > limit) return limit + 1;
    previous = row;
  }
  return Math.min(previous[b.length], limit + 1);
}

const digitsOf = (value: string) => value.replace(/\D+/g, '');

/**
 * How alike two words are when a letter or two apart: one edit per
 * `lettersPerEdit` letters of the shorter, at most two; 0 past that, and 0
 * when their digits differ (`db01` and `db02` are two databases).
 */
function typoLikeness(a: string, b: string, lettersPerEdit: number): number {
  const allowed = Math.min(
    2,
    Math.floor(Math.min(a.length, b.length) / lettersPerEdit),
  );
  if (!allowed || Math.abs(a.length - b.length) > allowed) return 0;
  const edits = editDistance(a, b, allowed);
  return edits <= allowed && digitsOf(a) === digitsOf(b)
    ? TYPO * (1 - edits / Math.max(a.length, b.length))
    : 0;
}

/** 1 for the same word, {@link PLURAL} for its plural or singular, less for a near spelling, else 0. */
function likeness(a: string, b: string): number {
  if (a === b) return 1;
  if (isPlural(a, b)) return PLURAL;
  return typoLikeness(a, b, 4);
}

/**
 * How near-identical two whole names are (0 when they are not): the same
 * letters however split, the same words up to plurals, or a letter off in
 * a long name.
 */
function sameName(a: string[], b: string[]): number {
  const joinedA = a.join('');
  const joinedB = b.join('');
  if (joinedA === joinedB) return 1;
  if (a.length === b.length && a.every((w, i) => likeness(w, b[i]) >= PLURAL))
    return PLURAL;
  return typoLikeness(joinedA, joinedB, 8);
}

/** A catalog entity with the words of its name and title. */
type Entry = {
  /** Its place in {@link MappingSuggestions}' entries. */
  index: number;
  entity: EntitySummary;
  name: string[];
  title: string[];
  /** What its name's words weigh together. */
  weight: number;
};

/** For one word of an alert: the catalog words like it, and what it weighs. */
type NearWords = { likeness: Map<string, number>; weight: number };

/** Prometheus labels that best tell one alert's subject from another, most telling first. */
const SELECTOR_LABELS = ['job', 'service', 'app', 'namespace', 'instance'];

/**
 * For alerts that match no entity: the entities they most likely belong to,
 * and the one annotation line that would tie the alert to its entity.
 *
 * When a name fits several entities, those are the candidates. Otherwise
 * each word of the alert's names is looked up with its plurals and near
 * spellings, and the entities found are scored against the alert: words
 * weigh by rarity in the catalog (inverse document frequency), so that a
 * word most entities share, like `service`, counts for little and alone
 * suggests nothing, and an entity whose whole name is near-identical to one
 * of the alert's names comes first.
 */
export class MappingSuggestions {
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
  // per entity, reused from alert to alert and cleared where written, so a
  // first glance at thousands of entities costs no allocation
  private readonly said: Float64Array;
  private readonly glance: Float64Array;

  constructor(private readonly mapper: AlertMapper) {
    const entries: Entry[] = mapper.entities.map((entity, index) => ({
      index,
      entity,
      name: wordsOf(entity.name),
      title: wordsOf(entity.title ?? ''),
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

  /** The candidate entities for an alert's match, and the annotation line that would map the alert. */
  suggest(
    alert: NormalisedAlert,
    match: AlertMatch,
  ): { candidates: string[]; suggestion?: string } {
    return {
      candidates: match.ambiguous?.length
        ? match.ambiguous
        : this.closest(alert),
      suggestion: annotationLine(alert),
    };
  }

  private closest(alert: NormalisedAlert): string[] {
    const values = [
      ...ALERT_ENTITY_NAME_LABELS.map(key => alert.labels[key]),
      ...this.mapper.namesOf(alert).map(n => n.value),
    ].filter((v): v is string => Boolean(v));
    const phrases = [...new Set(values)]
      .map(wordsOf)
      .filter(words => words.length);
    const near = new Map<string, NearWords>();
    const nearOf = (word: string) => {
      let found = near.get(word);
      if (!found) near.set(word, (found = this.nearWords(word)));
      return found;
    };
    const scores: [string, number][] = [];
    for (const entry of this.shortlist(phrases, nearOf)) {
      let best = 0;
      for (const phrase of phrases)
        for (const words of [entry.name, entry.title])
          if (words.length)
            best = Math.max(best, this.score(phrase, words, nearOf));
      if (best >= MIN_SCORE) scores.push([entry.entity.ref, best]);
    }
    return scores
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_CANDIDATES)
      .map(([ref]) => ref);
  }

  /**
   * The entities most worth weighing in full: at first glance, those the
   * greatest share of whose name (by rarity) one of the alert's names says,
   * found through its words' rarer like words.
   */
  private shortlist(
    phrases: string[][],
    nearOf: (word: string) => NearWords,
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
        for (const { index } of this.byWord.get(like)!) {
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
   * How well an entity's name fits one of the alert's names: above 1 when
   * the whole names are near-identical; else the harmonic mean of how much
   * of the entity's name the alert says and how much of the alert's name
   * the entity explains, both weighed by rarity.
   */
  private score(
    phrase: string[],
    words: string[],
    nearOf: (word: string) => NearWords,
  ): number {
    const whole = sameName(phrase, words);
    if (whole) return 1 + whole;
    // the likest pairing of each entity word, and of each alert word
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
   * The catalog words like an alert's word: itself, its plural or singular,
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
      const q = likeness(word, like);
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

/** The annotation that would tie this alert to an entity, as a line of `catalog-info.yaml`. */
function annotationLine(alert: NormalisedAlert): string | undefined {
  const t = alert.targets ?? {};
  switch (alert.source) {
    case 'alertmanager':
    case 'grafana': {
      const key = SELECTOR_LABELS.find(k => alert.labels[k]);
      return key
        ? `${PROMETHEUS_ALERT_SELECTOR_ANNOTATION}: ${key}=${alert.labels[key]}`
        : undefined;
    }
    case 'datadog': {
      const tag = Object.entries(alert.labels).find(
        ([k, v]) => v && k !== 'priority' && k !== 'transition',
      );
      return tag
        ? `${DATADOG_TAGS_ANNOTATION}: ${tag[0]}:${tag[1]}`
        : undefined;
    }
    case 'newrelic':
      return t.newRelicEntityGuids?.[0]
        ? `${NEW_RELIC_ENTITY_GUID_ANNOTATION}: ${t.newRelicEntityGuids[0]}`
        : undefined;
    case 'azure':
      return t.azureResourceIds?.[0]
        ? `${AZURE_RESOURCE_ID_ANNOTATION}: ${t.azureResourceIds[0]}`
        : undefined;
    case 'statuscake':
      return t.statusCakeTestName
        ? `${STATUSCAKE_TEST_NAME_ANNOTATION}: ${t.statusCakeTestName}`
        : undefined;
    default:
      // Events API v2: the integration key is a secret, so name the entity instead
      return alert.source === 'generic'
        ? 'payload.component: <the entity’s name>'
        : undefined;
  }
}
