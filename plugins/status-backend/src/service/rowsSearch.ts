import { InputError } from '@backstage/errors';
import {
  STATUS_GROUPINGS,
  StatusGrouping,
} from '@status-layer/plugin-status-common';

/** The most collapsed groups one request may name. */
const MAX_COLLAPSED = 2000;
/** A group key is a path of at most a Domain and a System ref. */
const MAX_KEY_LENGTH = 600;

/**
 * Runs a query-string reader and turns what it throws into an
 * `InputError` (a 400 naming the parameter).
 */
export function readInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/**
 * The grouping of `/summary/rows` (`group`) and the groups collapsed in it
 * (`collapsed`, their keys separated by commas, which refs cannot contain).
 */
export function parseRowsSearch(params: Record<string, unknown>): {
  grouping: StatusGrouping;
  collapsed: Set<string>;
} {
  const { group, collapsed } = params;
  if (group !== undefined && typeof group !== 'string')
    throw new Error('group must be given once');
  const grouping = (group ?? 'domain') as StatusGrouping;
  if (!STATUS_GROUPINGS.includes(grouping))
    throw new Error(
      `Unknown group "${group}"; use ${STATUS_GROUPINGS.join(', ')}`,
    );
  if (collapsed !== undefined && typeof collapsed !== 'string')
    throw new Error('collapsed must be given once, as comma-separated keys');
  const keys = (collapsed ?? '').split(',').filter(Boolean);
  if (keys.length > MAX_COLLAPSED)
    throw new Error(`collapsed takes at most ${MAX_COLLAPSED} groups`);
  if (keys.some(k => k.length > MAX_KEY_LENGTH))
    throw new Error(
      `collapsed names a group key longer than ${MAX_KEY_LENGTH} characters`,
    );
  return { grouping, collapsed: new Set(keys) };
}
