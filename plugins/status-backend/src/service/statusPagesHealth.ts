import { StatusPageHealth } from '@status-layer/plugin-status-common';
import { SourceFreshness } from '../database';

/**
 * Each status page kept in step, as its freshness source left it (the
 * publisher records one per page, `status-page:<account>:<page>`). The
 * error itself stays in the logs: this answer goes to every signed-in user.
 */
export function statusPagesHealth(
  pages: { account: string; page: string }[],
  sources: SourceFreshness[],
): StatusPageHealth[] {
  const bySource = new Map(sources.map(s => [s.source, s]));
  return pages.map(({ account, page }) => {
    const source = bySource.get(`status-page:${account}:${page}`);
    if (!source?.lastAttemptAt) return { account, page, state: 'pending' };
    return {
      account,
      page,
      state: source.consecutiveFailures > 0 ? 'failing' : 'ok',
      ...(source.lastSuccessAt
        ? { lastSuccessAt: source.lastSuccessAt.toISOString() }
        : {}),
      ...(source.failingSince && source.consecutiveFailures > 0
        ? { failingSince: source.failingSince.toISOString() }
        : {}),
    };
  });
}
