import { Link } from '@backstage/core-components';
import {
  describeAlertMatch,
  StatusAlert,
} from '@status-layer/plugin-status-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useSignalListStyles } from './signalListStyles';
import { SignalList } from './SignalList';
import { ago, useNow } from './Freshness';

const SEVERITY_LABELS: Record<StatusAlert['severity'], string> = {
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/**
 * Firing monitoring alerts: tool, severity in the tool's own words, title,
 * age, a link back to the alert in its tool, how it was tied to its entity,
 * and whether its tool stopped sending it.
 */
export function AlertList(props: {
  alerts: StatusAlert[];
  emptyText?: string;
  /** Show each alert's labels (the unmatched view: what could map it). */
  showLabels?: boolean;
  /** Renders what follows an alert (the unmatched view: candidates, the annotation). */
  renderExtra?: (alert: StatusAlert) => React.ReactNode;
}) {
  const classes = useSignalListStyles();
  const now = useNow();
  const { alerts, emptyText = 'No firing alerts', showLabels } = props;
  return (
    <SignalList
      items={alerts}
      keyOf={alert => `${alert.source}:${alert.fingerprint}`}
      emptyText={emptyText}
    >
      {alert => (
        <>
          <Typography variant="subtitle2">
            {alert.url ? (
              <Link to={alert.url}>{alert.title}</Link>
            ) : (
              alert.title
            )}
          </Typography>
          <div className={classes.meta}>
            <Chip size="small" label={alert.sourceTitle} />
            <Chip
              size="small"
              variant="outlined"
              label={alert.toolSeverity ?? SEVERITY_LABELS[alert.severity]}
            />
            {alert.stale && (
              <Chip
                size="small"
                color="secondary"
                label={`not sent again for ${ago(alert.receivedAt, now).replace(
                  / ago$/,
                  '',
                )}: it may have ended`}
              />
            )}
            <Typography variant="caption" color="textSecondary">
              since {ago(alert.startedAt, now).replace(/ ago$/, '')}
            </Typography>
            {alert.description && (
              <Typography variant="caption">{alert.description}</Typography>
            )}
            {alert.match && (
              <Typography variant="caption" color="textSecondary">
                {describeAlertMatch(alert.match)}
              </Typography>
            )}
          </div>
          {showLabels && Object.keys(alert.labels).length > 0 && (
            <Typography
              variant="caption"
              component="div"
              className={classes.labels}
            >
              {Object.entries(alert.labels)
                .map(([k, v]) => (v ? `${k}=${v}` : k))
                .join(', ')}
            </Typography>
          )}
          {props.renderExtra?.(alert)}
        </>
      )}
    </SignalList>
  );
}
