import { WarningPanel } from '@backstage/core-components';
import {
  PagerDutyDataPart,
  StatusAccountFreshness,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useSharedWords } from './useSectionWords';
import { timeOfDay, useReaderLocale, useTimeWords } from './useTimeWords';

/** The current time, ticking every few seconds, for "… ago" labels. */
export function useNow(everyMs = 5000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** What a reader loses when a part cannot be read. */
const PART_CONSEQUENCES = {
  services: 'partServices',
  incidents: 'partIncidents',
  maintenance: 'partMaintenance',
  oncalls: 'partOncalls',
  alerts: 'partAlerts',
  changes: 'partChanges',
  notes: 'partNotes',
  dependencies: 'partDependencies',
  timelines: 'partTimelines',
} as const satisfies Record<PagerDutyDataPart, string>;

/** A part's name inside a sentence. */
const PART_NAMES = {
  services: 'partNameServices',
  incidents: 'partNameIncidents',
  maintenance: 'partNameMaintenance',
  oncalls: 'partNameOncalls',
  alerts: 'partNameAlerts',
  changes: 'partNameChanges',
  notes: 'partNameNotes',
  dependencies: 'partNameDependencies',
  timelines: 'partNameTimelines',
} as const satisfies Record<PagerDutyDataPart, string>;

/**
 * One sentence for a part of an account's data that is failing or stale, in
 * the reader's language, or undefined when it is fresh: the translated twin
 * of `describePartFreshness` (the error itself is in PagerDuty's words).
 */
export function usePartFreshnessWords(): (
  freshness: StatusPartFreshness,
) => string | undefined {
  const t = useSharedWords();
  const locale = useReaderLocale();
  return useCallback(
    freshness => {
      const timeOf = (iso: string) => timeOfDay(iso, locale);
      const { part, lastError, failingSince, lastSuccessAt, stale } = freshness;
      const why = lastError ? lastError.replace(/\.$/, '') : undefined;
      const consequence = t(PART_CONSEQUENCES[part]);
      if (freshness.skipped) {
        // "since" is the data shown: the last read, not when the skipping began
        if (lastSuccessAt) {
          const time = timeOf(lastSuccessAt);
          return why
            ? t('partSkippedSinceBecause', { consequence, time, why })
            : t('partSkippedSince', { consequence, time });
        }
        return why
          ? t('partSkippedNotYetBecause', { consequence, why })
          : t('partSkippedNotYet', { consequence });
      }
      if (stale) {
        const since = failingSince ?? lastSuccessAt;
        if (!lastSuccessAt && !lastError) return undefined; // not read yet: the first sync is on its way
        const time = since ? timeOf(since) : undefined;
        if (why)
          return time
            ? t('partFailingSince', { consequence, why, time })
            : t('partFailing', { consequence, why });
        return time
          ? t('partNoReadSince', { consequence, time })
          : t('partNoRead', { consequence });
      }
      if (why) {
        const name = t(PART_NAMES[part]);
        return lastSuccessAt
          ? t('partLastReadFailedAt', {
              part: name,
              why,
              time: timeOf(lastSuccessAt),
            })
          : t('partLastReadFailed', { part: name, why });
      }
      return undefined;
    },
    [t, locale],
  );
}

/**
 * How fresh one PagerDuty account's data is, channel by channel: "PagerDuty
 * read 12 s ago · last webhook 3 s ago" when all is well; each failing or
 * stale part named at once, in plain words ("On-call unknown: PagerDuty
 * answered 400 … since 10:42"); and a visible warning when the levels
 * themselves rest on stale data or on nothing read yet.
 */
export function Freshness(props: {
  freshness: StatusAccountFreshness;
  /** Prefix the account's name (when several are configured). */
  showAccount?: boolean;
}) {
  const now = useNow();
  const t = useSharedWords();
  const time = useTimeWords();
  const describe = usePartFreshnessWords();
  const { freshness, showAccount } = props;
  const notices = freshness.parts
    .map(describe)
    .filter((notice): notice is string => Boolean(notice));
  const source = showAccount
    ? t('pagerDutyAccount', { account: freshness.account })
    : 'PagerDuty';
  const when = freshness.lastSuccessAt
    ? time.ago(freshness.lastSuccessAt, now)
    : t('never');
  if (freshness.stale) {
    const title = freshness.waiting
      ? t('waitingFor', { source })
      : t('staleIncidents', { source, when });
    return (
      <WarningPanel severity="warning" title={title}>
        <Typography variant="body2">
          {freshness.waiting ? t('waitingLevels') : t('staleLevels')}
          {freshness.waiting && freshness.lastError
            ? ` ${t('lastAttempt', { error: freshness.lastError })}`
            : ''}
        </Typography>
        {notices.length > 0 && (
          <ul aria-label={t('outOfDate')}>
            {notices.map(notice => (
              <li key={notice}>
                <Typography variant="body2">{notice}</Typography>
              </li>
            ))}
          </ul>
        )}
      </WarningPanel>
    );
  }
  return (
    <div>
      <Typography variant="caption" color="textSecondary" role="status">
        {t('sourceRead', { source, when })}
        {freshness.lastWebhookAt
          ? ` · ${t('lastWebhook', {
              when: time.ago(freshness.lastWebhookAt, now),
            })}`
          : ''}
      </Typography>
      {notices.map(notice => (
        <Typography
          key={notice}
          variant="caption"
          color="error"
          component="div"
          role="alert"
        >
          {notice}
        </Typography>
      ))}
    </div>
  );
}

/** Freshness of answers that speak for several accounts at once (roll-ups). */
export function FreshnessSummary(props: {
  lastSuccessAt: string | null;
  stale: boolean;
}) {
  const now = useNow();
  const t = useSharedWords();
  const time = useTimeWords();
  const { lastSuccessAt, stale } = props;
  const when = lastSuccessAt ? time.ago(lastSuccessAt, now) : t('never');
  return (
    <Typography
      variant="caption"
      color={stale ? 'error' : 'textSecondary'}
      role="status"
    >
      {stale
        ? t('staleSummary', { when })
        : t('sourceRead', { source: 'PagerDuty', when })}
    </Typography>
  );
}
