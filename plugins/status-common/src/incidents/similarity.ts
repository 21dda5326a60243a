/** Words too common to tell incidents apart. */
const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'are',
  'was',
  'were',
  'with',
  'from',
  'than',
  'that',
  'this',
  'into',
  'onto',
  'over',
  'under',
  'above',
  'below',
  'after',
  'before',
  'not',
  'all',
  'its',
  'has',
  'have',
  'been',
  'per',
  'via',
]);

/**
 * The words of an incident title that tell it apart: lower case, at least
 * three letters, no numbers or IDs (which differ between occurrences of the
 * same problem), no common English words.
 *
 * @public
 */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(w => w.length >= 3 && !/\d/.test(w) && !STOP_WORDS.has(w)),
  );
}

/**
 * How alike two incident titles are: the share of their distinguishing
 * words they have in common (Jaccard), from 0 to 1. Words in `ignore` (such
 * as the services' own names, which every title of a service repeats) do
 * not count.
 *
 * @public
 */
export function titleSimilarity(
  a: string,
  b: string,
  ignore: ReadonlySet<string> = new Set(),
): number {
  const without = (words: Set<string>) =>
    new Set([...words].filter(w => !ignore.has(w)));
  const left = without(titleWords(a));
  const right = without(titleWords(b));
  if (!left.size || !right.size) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}
