import { InputError } from '@backstage/errors';
import { AlertSeverity } from '@status-layer/plugin-status-common';

/** A JSON object, or a 400 naming what was expected. */
export function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty string, or a 400 naming the field. */
export function text(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field} is missing or not a string`);
  }
  return value;
}

/** A string when present and a string, else undefined. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An array, or a 400 naming the field. */
export function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`${field} must be an array`);
  return value;
}

/** Labels or tags with every value made a string; anything else is dropped. */
export function labels(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return result;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') result[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean')
      result[key] = String(v);
  }
  return result;
}

/** `key:value` tags (Datadog, StatusCake) as labels; a bare tag maps to "". */
export function tagsToLabels(tags: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const tag of tags) {
    const at = tag.indexOf(':');
    if (at > 0) result[tag.slice(0, at).trim()] = tag.slice(at + 1).trim();
    else if (tag.trim()) result[tag.trim()] = '';
  }
  return result;
}

/**
 * A time as ISO 8601 from an ISO string or epoch milliseconds/seconds;
 * `fallback` when absent, a 400 when present but unreadable.
 */
export function time(value: unknown, field: string, fallback: Date): string {
  if (value === undefined || value === null || value === '')
    return fallback.toISOString();
  let date: Date;
  if (typeof value === 'number' || /^\d+$/.test(String(value))) {
    const n = Number(value);
    date = new Date(n < 1e12 ? n * 1000 : n);
  } else if (typeof value === 'string') {
    date = new Date(value);
  } else {
    throw new InputError(`${field} is not a time`);
  }
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1971) {
    throw new InputError(`${field} is not a time: ${String(value)}`);
  }
  return date.toISOString();
}

/** A time as ISO 8601 when readable (ISO, epoch seconds or milliseconds), else `fallback`: for optional times. */
export function lenientTime(value: unknown, fallback: Date): string {
  try {
    return time(value, 'time', fallback);
  } catch {
    return fallback.toISOString();
  }
}

/** Alertmanager's "zero" end time means "not ended". */
export function endTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-')) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  high: 'error',
  error: 'error',
  err: 'error',
  major: 'error',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  info: 'info',
  informational: 'info',
  low: 'info',
  none: 'info',
};

/** A tool's severity word as ours; `fallback` for words it does not know. */
export function severity(
  value: unknown,
  fallback: AlertSeverity,
): AlertSeverity {
  if (typeof value !== 'string') return fallback;
  return SEVERITY_WORDS[value.trim().toLocaleLowerCase('en-US')] ?? fallback;
}

/** Lists given as an array of strings or a comma-separated string. */
export function stringList(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value === 'string')
    return value
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
  return [];
}
