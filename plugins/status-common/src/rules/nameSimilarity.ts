/**
 * How alike two names are, word by word: the one rule both the suggestions
 * for unmatched alerts and those for unreferenced PagerDuty services apply.
 */

/**
 * How alike a singular and its plural (`payment`, `payments`) are: nearly
 * the same word.
 *
 * @public
 */
export const PLURAL_LIKENESS = 0.9;
/** A word a letter or two off (`auth`, `authn`) counts at most this much. */
const TYPO = 0.8;

/**
 * Words of a name: `points-api`, `Points API` and `points_api` share
 * `points` and `api`.
 *
 * @public
 */
export function nameWords(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word.length >= 2);
}

/**
 * The words an English plural or singular of `word` would be.
 *
 * @public
 */
export function pluralsOf(word: string): string[] {
  const forms = [`${word}s`, `${word}es`];
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  return forms;
}

/**
 * The Levenshtein distance of two short strings, or `limit + 1` once it is
 * sure to exceed `limit`: near spellings are all that is asked, so most
 * comparisons stop after a row or two.
 *
 * @public
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

/**
 * How alike two words are: 1 for the same word, {@link PLURAL_LIKENESS} for
 * its plural or singular, less for a near spelling, else 0.
 *
 * @public
 */
export function wordLikeness(a: string, b: string): number {
  if (a === b) return 1;
  if (pluralsOf(a).includes(b)) return PLURAL_LIKENESS;
  return typoLikeness(a, b, 4);
}

/**
 * How near-identical two whole names are, as their words (0 when they are
 * not): the same letters however split, the same words up to plurals, or a
 * letter off in a long name.
 *
 * @public
 */
export function sameNameLikeness(a: string[], b: string[]): number {
  const joinedA = a.join('');
  const joinedB = b.join('');
  if (joinedA === joinedB) return 1;
  if (
    a.length === b.length &&
    a.every((w, i) => wordLikeness(w, b[i]) >= PLURAL_LIKENESS)
  )
    return PLURAL_LIKENESS;
  return typoLikeness(joinedA, joinedB, 8);
}

/** Words that say a name is a team's or its rota's, not which team. */
const TEAM_WORDS = new Set([
  'team',
  'teams',
  'squad',
  'group',
  'the',
  'crew',
  'escalation',
  'escalations',
  'policy',
  'on',
  'call',
  'oncall',
  'rotation',
  'primary',
  'secondary',
]);

/**
 * What a team's name says of which team it is, to compare names from
 * different tools: PagerDuty's team `Payments Team`, its escalation policy
 * `Payments on-call` and the catalog's group `payments` all give
 * `payments`. Empty when the name says nothing more.
 *
 * @public
 */
export function teamNameKey(name: string): string {
  return nameWords(name)
    .filter(word => !TEAM_WORDS.has(word))
    .join('-');
}
