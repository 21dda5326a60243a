import { SourceFreshness } from '../database';
import { accountFreshness, partFreshness } from './freshness';

const now = new Date('2031-06-01T12:00:00.000Z');
const minutesAgo = (minutes: number) =>
  new Date(now.getTime() - minutes * 60_000);
const source = (
  part: string,
  overrides: Partial<SourceFreshness> = {},
): SourceFreshness => ({
  source: `pagerduty:default:${part}`,
  lastAttemptAt: minutesAgo(1),
  lastSuccessAt: minutesAgo(1),
  consecutiveFailures: 0,
  ...overrides,
});

describe('freshness of the PagerDuty data', () => {
  const rules = { now, syncIntervalMs: 60_000, staleAfterMissedSyncs: 3 };

  it('is stale when never read, and waiting before the first incidents', () => {
    expect(partFreshness([], 'default', 'oncalls', rules).stale).toBe(true);
    expect(accountFreshness([], 'default', rules)).toMatchObject({
      waiting: true,
      stale: true,
      lastSuccessAt: null,
    });
  });

  it('shows a failure at once and turns stale after the set number of failed syncs', () => {
    const failing = (consecutiveFailures: number) =>
      partFreshness(
        [
          source('oncalls', {
            consecutiveFailures,
            lastError: 'PagerDuty answered 400 to GET /oncalls',
            failingSince: minutesAgo(consecutiveFailures),
            lastAttemptAt: now,
          }),
        ],
        'default',
        'oncalls',
        rules,
      );
    expect(failing(2)).toMatchObject({
      stale: false,
      lastError: 'PagerDuty answered 400 to GET /oncalls',
      failingSince: minutesAgo(2).toISOString(),
    });
    expect(failing(3).stale).toBe(true);
  });

  it('is stale when the sync itself stopped: no attempt for more than the missed syncs allow', () => {
    const quiet = (minutes: number) =>
      partFreshness(
        [source('incidents', { lastSuccessAt: minutesAgo(minutes) })],
        'default',
        'incidents',
        rules,
      ).stale;
    expect(quiet(3.5)).toBe(false);
    expect(quiet(4.5)).toBe(true);
  });

  it('says why when reads hang: no success for too long, though none has failed yet', () => {
    const hanging = (minutes: number) =>
      partFreshness(
        [
          source('incidents', {
            lastSuccessAt: minutesAgo(minutes),
            lastAttemptAt: minutesAgo(minutes),
          }),
        ],
        'default',
        'incidents',
        rules,
      );
    expect(hanging(2).lastError).toBeNull();
    expect(hanging(5)).toMatchObject({
      stale: true,
      lastError:
        'No read has succeeded for 300 s (one is due every 60 s): PagerDuty has not answered, or the sync has stopped',
    });
  });

  it('is stale at once when the last sync left it out, saying why, and fresh once read again', () => {
    const reason =
      'the open incidents could not be read from PagerDuty, and alerts are read per open incident';
    // read a minute ago, which alone would be fresh
    const skipped = partFreshness(
      [source('alerts', { skippedBecause: reason })],
      'default',
      'alerts',
      rules,
    );
    expect(skipped).toEqual({
      part: 'alerts',
      lastSuccessAt: minutesAgo(1).toISOString(),
      lastAttemptAt: minutesAgo(1).toISOString(),
      lastError: reason,
      failingSince: null,
      stale: true,
      skipped: true,
    });
    const read = partFreshness([source('alerts')], 'default', 'alerts', rules);
    expect(read.stale).toBe(false);
    expect(read.skipped).toBeUndefined();
    expect(read.lastError).toBeNull();
  });

  it('keeps the poll and the webhooks apart', () => {
    const freshness = accountFreshness(
      [
        source('incidents', {
          consecutiveFailures: 5,
          lastSuccessAt: minutesAgo(30),
          lastError: 'HTTP 503',
        }),
        source('webhooks', { lastSuccessAt: minutesAgo(0.1) }),
      ],
      'default',
      rules,
    );
    expect(freshness).toMatchObject({
      stale: true,
      waiting: false,
      lastError: 'HTTP 503',
      lastWebhookAt: minutesAgo(0.1).toISOString(),
    });
  });
});
