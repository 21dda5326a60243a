/**
 * A time read from a database row or an API field (a Date, an ISO string or
 * epoch milliseconds); undefined when absent or unreadable.
 *
 * @public
 */
export function toDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date =
    value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Milliseconds in one UTC day, the unit of every day window and daily figure.
 *
 * @public
 */
export const DAY_MS = 86_400_000;
