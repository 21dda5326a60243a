import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusIncident,
} from '@status-layer/plugin-status-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useSignalListStyles } from './signalListStyles';
import { SignalList } from './SignalList';
import { Embedded, EMBED } from './Embedded';
import { useNow } from './Freshness';
import { IncidentUpdates } from './IncidentUpdates';
import {
  SectionWords,
  useSharedWords,
  useTimelineWords,
} from './useSectionWords';
import { SHARED_MESSAGES } from '../../translations/shared';
import { useTimeWords } from './useTimeWords';
import { useIncidentTimelineLink } from './statusLink';

/** A bridge link to Slack: PagerDuty lets it be a web conference or a Slack channel. */
function isSlackLink(url: string) {
  try {
    return /(^|\.)slack\.com$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Why an incident is probably a symptom, in the reader's language, from the
 * fields the API sends (the English sentence when it sends only that).
 */
function symptomExplanation(
  symptom: NonNullable<StatusIncident['symptomOf']>,
  t: SectionWords<keyof typeof SHARED_MESSAGES>,
): string {
  const { path, afterMs } = symptom;
  if (!path?.length || afterMs === undefined) return symptom.explanation;
  const name = (ref: string) =>
    ref === HIDDEN_ENTITY_REF
      ? t('hiddenUpstream')
      : humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'component' });
  const minutes = Math.round(Math.abs(afterMs) / 60_000);
  const lag =
    minutes === 0
      ? t('lagWithin')
      : t(afterMs >= 0 ? 'lagAfter' : 'lagBefore', { count: minutes });
  const entity = name(path[0]);
  if (symptom.entityRef === HIDDEN_ENTITY_REF)
    return t('symptomHidden', { lag, entity });
  const via = path.slice(1, -1);
  const words = {
    lag,
    entity,
    root: name(symptom.entityRef),
    number: symptom.upstreamNumber ? `#${symptom.upstreamNumber}` : '',
  };
  return via.length
    ? t('symptomVisibleVia', { ...words, via: via.map(name).join(' → ') })
    : t('symptomVisible', words);
}

/** Active incidents: title, status, urgency, priority, age, assignees, links, whether each is probably a symptom of an upstream outage, and their updates. */
export function IncidentList(props: {
  incidents: StatusIncident[];
  emptyText?: string;
}) {
  const classes = useSignalListStyles();
  const now = useNow();
  const t = useSharedWords();
  const time = useTimeWords();
  const timelineOf = useIncidentTimelineLink();
  const timelineWords = useTimelineWords();
  const { incidents, emptyText } = props;
  return (
    <SignalList
      items={incidents}
      keyOf={incident => incident.id}
      emptyText={emptyText ?? t('noActiveIncidents')}
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
                  ? t('acknowledged')
                  : t('triggered')
              }
              color={incident.status === 'triggered' ? 'secondary' : 'default'}
            />
            <Chip
              size="small"
              variant="outlined"
              label={
                incident.urgency === 'high' ? t('highUrgency') : t('lowUrgency')
              }
            />
            {incident.priority && (
              <Chip size="small" variant="outlined" label={incident.priority} />
            )}
            <Typography variant="caption" color="textSecondary">
              {incident.acknowledgedAt
                ? t('openedAcknowledged', {
                    opened: time.ago(incident.createdAt, now),
                    acknowledged: time.ago(incident.acknowledgedAt, now),
                  })
                : t('opened', { opened: time.ago(incident.createdAt, now) })}
            </Typography>
            <Typography variant="caption">
              {incident.assignees.length
                ? t('assignedTo', {
                    names: incident.assignees.map(a => a.name).join(', '),
                  })
                : t('unassigned')}
            </Typography>
            <Link to={timelineOf(incident)}>
              {timelineWords('timelineLink')}
            </Link>
            {incident.conferenceUrl && (
              <Link to={incident.conferenceUrl}>
                {isSlackLink(incident.conferenceUrl)
                  ? t('openSlackChannel')
                  : t('joinBridge')}
              </Link>
            )}
            {incident.conferenceNumber && !incident.conferenceUrl && (
              <Typography variant="caption">
                {t('bridgeNumber', { number: incident.conferenceNumber })}
              </Typography>
            )}
          </div>
          {incident.symptomOf && (
            <Typography
              variant="body2"
              component="div"
              data-testid="probable-symptom"
            >
              <Embedded
                text={
                  incident.symptomOf.title
                    ? t('symptomOfIncident', {
                        symptom: EMBED,
                        title: incident.symptomOf.title,
                        explanation: symptomExplanation(incident.symptomOf, t),
                      })
                    : t('symptomOfUpstream', {
                        symptom: EMBED,
                        explanation: symptomExplanation(incident.symptomOf, t),
                      })
                }
              >
                <strong>{t('probableSymptom')}</strong>
              </Embedded>
            </Typography>
          )}
          {incident.alerts && incident.alerts.length > 0 && (
            <Typography variant="caption" component="div">
              {t('incidentAlerts', { count: incident.alerts.length })}{' '}
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
