import { Link } from '@backstage/core-components';
import {
  AlertMatchRule,
  AlertNameOrigin,
  StatusAlert,
} from '@status-layer/plugin-status-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useSignalListStyles } from './signalListStyles';
import { SignalList } from './SignalList';
import { useNow } from './Freshness';
import { SectionWords, useSharedWords } from './useSectionWords';
import { useTimeWords } from './useTimeWords';
import { SHARED_MESSAGES } from '../../translations/shared';

type SharedWords = SectionWords<keyof typeof SHARED_MESSAGES>;

const SEVERITY_LABELS = {
  critical: 'severityCritical',
  error: 'severityError',
  warning: 'severityWarning',
  info: 'severityInfo',
} as const satisfies Record<StatusAlert['severity'], string>;

const NAME_ORIGINS = {
  tag: 'matchedByTag',
  component: 'matchedByComponent',
  source: 'matchedBySource',
  resource: 'matchedByResource',
  entity: 'matchedByEntity',
  test: 'matchedByTest',
} as const satisfies Record<AlertNameOrigin, string>;

/**
 * How an alert was tied to its entities, in a few words of the reader's
 * language, e.g. "matched by tag `membership-api`" (as `describeAlertMatch`).
 */
function describeMatch(t: SharedWords, match: AlertMatchRule): string {
  switch (match.rule) {
    case 'annotation':
      return t('matchedByAnnotation', { annotation: match.annotation });
    case 'url':
      return t('matchedByUrl', { value: match.value });
    case 'entity-ref':
      return t('matchedByEntityRef', { key: match.key, value: match.value });
    case 'label':
      return t('matchedByLabel', { key: match.key, value: match.value });
    case 'name':
      return t(NAME_ORIGINS[match.from], { value: match.value });
    default:
      return t('matchedByPagerDutyService');
  }
}

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
  const t = useSharedWords();
  const time = useTimeWords();
  const { alerts, emptyText, showLabels } = props;
  return (
    <SignalList
      items={alerts}
      keyOf={alert => `${alert.source}:${alert.fingerprint}`}
      emptyText={emptyText ?? t('noFiringAlerts')}
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
              label={alert.toolSeverity ?? t(SEVERITY_LABELS[alert.severity])}
            />
            {alert.stale && (
              <Chip
                size="small"
                color="secondary"
                label={t('alertNotSentAgain', {
                  time: time.since(alert.receivedAt, now),
                })}
              />
            )}
            <Typography variant="caption" color="textSecondary">
              {t('alertSince', { time: time.since(alert.startedAt, now) })}
            </Typography>
            {alert.description && (
              <Typography variant="caption">{alert.description}</Typography>
            )}
            {alert.match && (
              <Typography variant="caption" color="textSecondary">
                {describeMatch(t, alert.match)}
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
