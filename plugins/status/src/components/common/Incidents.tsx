import { Link } from '@backstage/core-components';
import { StatusIncident } from '@status-layer/plugin-status-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useSignalListStyles } from './signalListStyles';
import { SignalList } from './SignalList';
import { ago, useNow } from './Freshness';
import { IncidentUpdates } from './IncidentUpdates';

/** A bridge link to Slack: PagerDuty lets it be a web conference or a Slack channel. */
function isSlackLink(url: string) {
  try {
    return /(^|\.)slack\.com$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Active incidents: title, status, urgency, priority, age, assignees, links, whether each is probably a symptom of an upstream outage, and their updates. */
export function IncidentList(props: {
  incidents: StatusIncident[];
  emptyText?: string;
}) {
  const classes = useSignalListStyles();
  const now = useNow();
  const { incidents, emptyText = 'No active incidents' } = props;
  return (
    <SignalList
      items={incidents}
      keyOf={incident => incident.id}
      emptyText={emptyText}
    >
      {incident => (
        <>
          <Typography variant="subtitle2">
            {incident.htmlUrl ? (
              <Link to={incident.htmlUrl}>
                #{incident.number} {incident.title}
              </Link>
            ) : (
              `#${incident.number} ${incident.title}`
            )}
          </Typography>
          <div className={classes.meta}>
            <Chip
              size="small"
              label={
                incident.status === 'acknowledged'
                  ? 'Acknowledged'
                  : 'Triggered'
              }
              color={incident.status === 'triggered' ? 'secondary' : 'default'}
            />
            <Chip
              size="small"
              variant="outlined"
              label={`${incident.urgency === 'high' ? 'High' : 'Low'} urgency`}
            />
            {incident.priority && (
              <Chip size="small" variant="outlined" label={incident.priority} />
            )}
            <Typography variant="caption" color="textSecondary">
              opened {ago(incident.createdAt, now)}
              {incident.acknowledgedAt &&
                `, acknowledged ${ago(incident.acknowledgedAt, now)}`}
            </Typography>
            <Typography variant="caption">
              {incident.assignees.length
                ? `Assigned to ${incident.assignees
                    .map(a => a.name)
                    .join(', ')}`
                : 'Unassigned'}
            </Typography>
            {incident.conferenceUrl && (
              <Link to={incident.conferenceUrl}>
                {isSlackLink(incident.conferenceUrl)
                  ? 'Open the incident’s Slack channel'
                  : 'Join the conference bridge'}
              </Link>
            )}
            {incident.conferenceNumber && !incident.conferenceUrl && (
              <Typography variant="caption">
                Bridge: {incident.conferenceNumber}
              </Typography>
            )}
          </div>
          {incident.symptomOf && (
            <Typography
              variant="body2"
              component="div"
              data-testid="probable-symptom"
            >
              <strong>Probable symptom</strong> of{' '}
              {incident.symptomOf.title
                ? `“${incident.symptomOf.title}”`
                : 'an upstream outage'}
              : {incident.symptomOf.explanation}
            </Typography>
          )}
          {incident.alerts && incident.alerts.length > 0 && (
            <Typography variant="caption" component="div">
              {incident.alerts.length} alert
              {incident.alerts.length === 1 ? '' : 's'}:{' '}
              {incident.alerts.map((a, index) => (
                <span key={a.fingerprint}>
                  {index > 0 && '; '}
                  {a.url ? <Link to={a.url}>{a.title}</Link> : a.title}
                </span>
              ))}
            </Typography>
          )}
          {incident.updates && (
            <IncidentUpdates
              updates={incident.updates}
              incidentTitle={incident.title}
            />
          )}
        </>
      )}
    </SignalList>
  );
}
