import { WarningPanel } from '@backstage/core-components';
import {
  describePartFreshness,
  StatusAccountFreshness,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';

/** "12 s ago", "4 min ago", "3 h ago". */
export function ago(from: Date | string, now: Date = new Date()): string {
  const seconds = Math.max(
    0,
    Math.round((now.getTime() - new Date(from).getTime()) / 1000),
  );
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** A time of day in the reader's locale and time zone, e.g. "10:42". */
export const timeOfDay = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The current time, ticking every few seconds, for "… ago" labels. */
export function useNow(everyMs = 5000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** One sentence per part of the data that is failing or stale, in plain words. */
export function freshnessNotices(freshness: StatusAccountFreshness): string[] {
  return freshness.parts
    .map(part => describePartFreshness(part, timeOfDay))
    .filter((notice): notice is string => Boolean(notice));
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
  const { freshness, showAccount } = props;
  const notices = freshnessNotices(freshness);
  const account = showAccount
    ? `PagerDuty account ${freshness.account}`
    : 'PagerDuty';
  if (freshness.stale) {
    const title = freshness.waiting
      ? `Waiting for ${account}: nothing read yet`
      : `Stale data: ${account} incidents last read ${
          freshness.lastSuccessAt ? ago(freshness.lastSuccessAt, now) : 'never'
        }`;
    return (
      <WarningPanel severity="warning" title={title}>
        <Typography variant="body2">
          {freshness.waiting
            ? 'Levels that rest on PagerDuty are unknown until its incidents are read.'
            : 'Levels come from the last successful read and may be out of date; an outage still known is shown.'}
          {freshness.waiting && freshness.lastError
            ? ` Last attempt: ${freshness.lastError}`
            : ''}
        </Typography>
        {notices.length > 0 && (
          <ul aria-label="What is out of date">
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
        {`${account} read ${
          freshness.lastSuccessAt ? ago(freshness.lastSuccessAt, now) : 'never'
        }`}
        {freshness.lastWebhookAt
          ? ` · last webhook ${ago(freshness.lastWebhookAt, now)}`
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
  const { lastSuccessAt, stale } = props;
  return (
    <Typography
      variant="caption"
      color={stale ? 'error' : 'textSecondary'}
      role="status"
    >
      {stale
        ? `Stale data: PagerDuty last read ${
            lastSuccessAt ? ago(lastSuccessAt, now) : 'never'
          }; levels may be out of date`
        : `PagerDuty read ${lastSuccessAt ? ago(lastSuccessAt, now) : 'never'}`}
    </Typography>
  );
}
