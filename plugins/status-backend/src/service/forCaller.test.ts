import { StatusPartFreshness } from '@status-layer/plugin-status-common';
import { callerView } from '../__testUtils__/callerView';
import { partForCaller, publicReason } from './forCaller';

const part = (
  lastError: string,
  extra: Partial<StatusPartFreshness> = {},
): StatusPartFreshness => ({
  part: 'alerts',
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError,
  failingSince: null,
  stale: true,
  ...extra,
});

describe('what a caller without status.admin reads of a failing part', () => {
  const reader = callerView([]);
  const admin = callerView([], true);

  it('keeps the reason a part was skipped, which names only the part that failed', () => {
    const skipped = part(
      'not read: the open incidents could not be read from PagerDuty, and alerts are read per open incident',
      { skipped: true },
    );
    expect(partForCaller(skipped, reader)).toEqual(skipped);
  });

  it('says the budget ran out rather than that PagerDuty could not be read, and hides the rest', () => {
    const budget =
      "the sync's budget of 4 PagerDuty requests was spent before this was read; at the next sync it comes after incidents";
    expect(partForCaller(part(budget), reader).lastError).toBe(
      "the sync's budget of PagerDuty requests was spent before this part; a later sync reads it first (details for status admins)",
    );
    expect(partForCaller(part(budget), admin).lastError).toBe(budget);
    expect(
      publicReason('PagerDuty answered 403 to GET /oncalls: Forbidden (PX1)'),
    ).toBe('PagerDuty answered HTTP 403 (details for status admins)');
  });
});
