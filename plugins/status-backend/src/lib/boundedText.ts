/**
 * A text cut to at most `max` characters, ending in "…" when it was cut: a
 * page shows the start, the source keeps the rest.
 *
 * @internal
 */
export const boundedText = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * A string with something besides white space in it, or undefined.
 *
 * @internal
 */
export const nonBlank = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;
