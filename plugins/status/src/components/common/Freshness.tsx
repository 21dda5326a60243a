import { WarningPanel } from '@backstage/core-components';
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

/** The current time, ticking every few seconds, for "… ago" labels. */
export function useNow(everyMs = 5000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * How fresh the PagerDuty data is: "PagerDuty data updated 12 s ago", or a
 * visible warning with the last successful sync when it is stale.
 */
export function Freshness(props: {
  lastSuccessAt: string | null;
  stale: boolean;
  lastError?: string | null;
  /** What brought the last update. */
  via?: 'poll' | 'webhook' | null;
}) {
  const now = useNow();
  const { lastSuccessAt, stale, lastError, via } = props;
  if (stale) {
    return (
      <WarningPanel
        severity="warning"
        title={`Stale data: PagerDuty last synchronised ${
          lastSuccessAt ? ago(lastSuccessAt, now) : 'never'
        }`}
      >
        <Typography variant="body2">
          PagerDuty cannot be read right now; levels come from the last
          successful sync and may be out of date.
          {lastError ? ` Last error: ${lastError}` : ''}
        </Typography>
      </WarningPanel>
    );
  }
  return (
    <Typography variant="caption" color="textSecondary" role="status">
      {lastSuccessAt
        ? `PagerDuty data updated ${ago(lastSuccessAt, now)}${
            via ? ` (${via === 'webhook' ? 'webhook' : 'sync'})` : ''
          }`
        : 'Waiting for the first PagerDuty sync'}
    </Typography>
  );
}
