import {
  Content,
  ContentHeader,
  InfoCard,
  Link,
} from '@backstage/core-components';
import {
  StatusIncidentTimeline,
  StatusTimelineGap,
} from '@status-layer/plugin-status-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import InfoIcon from '@material-ui/icons/InfoOutlined';
import { useParams } from 'react-router-dom';
import {
  Loaded,
  StatusEntityLink,
  StatusLayerRoot,
  TimelineWords,
  useIncidentTimeline,
  useStatusRootPath,
  useSharedWords,
  useTimelineStyles,
  useTimelineWords,
  useTimeWords,
} from '../common';
import { ImpactTable } from './ImpactTable';
import { PostmortemCard } from './PostmortemCard';
import { kindLabel, useEntryWords } from './useEntryWords';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  gap: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  kind: { minWidth: '8rem' },
  text: { flex: '1 1 20rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
}));

/** A part of the timeline that is missing or cut, in plain words. */
function gapText(
  gap: StatusTimelineGap,
  t: TimelineWords,
  clock: (iso: string) => string,
) {
  switch (gap.code) {
    case 'log-not-read':
      return t('gapLogNotRead');
    case 'log-read-while-open':
      return t('gapLogReadWhileOpen', { time: clock(gap.at ?? '') });
    case 'log-failed':
      return t('gapLogFailed', { error: gap.error ?? '' });
    case 'not-observed':
      return t('gapNotObserved');
    case 'levels-truncated':
      return t('gapLevelsTruncated');
    case 'alerts-truncated':
      return t('gapAlertsTruncated');
    default:
      return t('gapChangesTruncated');
  }
}

/** The incident: its state, times, service, entities and PagerDuty link. */
function IncidentFacts(props: { timeline: StatusIncidentTimeline }) {
  const classes = useStyles();
  const t = useTimelineWords();
  const shared = useSharedWords();
  const time = useTimeWords();
  const { incident } = props.timeline;
  const since = (iso: string) =>
    time.duration(Date.parse(iso) - Date.parse(incident.createdAt));
  const status = {
    triggered: shared('triggered'),
    acknowledged: shared('acknowledged'),
    resolved: t('resolved'),
  }[incident.status];
  return (
    <>
      <div className={classes.facts}>
        <Chip size="small" label={status} />
        <Chip
          size="small"
          variant="outlined"
          label={
            incident.urgency === 'high'
              ? shared('highUrgency')
              : shared('lowUrgency')
          }
        />
        {incident.priority && (
          <Chip size="small" variant="outlined" label={incident.priority} />
        )}
        {incident.major && (
          <Chip size="small" variant="outlined" label={t('major')} />
        )}
        {incident.htmlUrl && (
          <Link to={incident.htmlUrl}>{t('openInPagerDuty')}</Link>
        )}
      </div>
      <Typography variant="body2">
        {t('opened', { time: time.dateTime(incident.createdAt) })}
        {incident.acknowledgedAt &&
          ` · ${t('acknowledgedAfter', {
            time: time.dateTime(incident.acknowledgedAt),
            duration: since(incident.acknowledgedAt),
          })}`}
        {incident.resolvedAt &&
          ` · ${
            incident.resolvedBy
              ? t('resolvedAfterBy', {
                  time: time.dateTime(incident.resolvedAt),
                  name: incident.resolvedBy,
                  duration: since(incident.resolvedAt),
                })
              : t('resolvedAfter', {
                  time: time.dateTime(incident.resolvedAt),
                  duration: since(incident.resolvedAt),
                })
          }`}
      </Typography>
      <Typography variant="body2">
        {incident.serviceName &&
          `${t('service', { name: incident.serviceName })} · `}
        {incident.entityRefs.map((ref, i) => (
          <span key={ref}>
            {i > 0 && ', '}
            <StatusEntityLink entityRef={ref} />
          </span>
        ))}
      </Typography>
    </>
  );
}

/** Every entry, oldest first: when, what kind (in words, not colour), what and who. */
function TimelineEntries(props: { timeline: StatusIncidentTimeline }) {
  const classes = useStyles();
  const list = useTimelineStyles();
  const t = useTimelineWords();
  const time = useTimeWords();
  const words = useEntryWords();
  return (
    <ol className={list.list} aria-label={t('timelineTitle')}>
      {props.timeline.entries.map((entry, index) => (
        <li
          key={`${entry.at}-${index}`}
          className={list.entry}
          data-kind={entry.kind}
        >
          <Typography variant="body2" className={list.time}>
            <time dateTime={entry.at}>{time.dateTime(entry.at)}</time>
          </Typography>
          <Typography variant="subtitle2" className={classes.kind}>
            {kindLabel(t, entry.kind)}
          </Typography>
          <Typography variant="body2" className={classes.text}>
            {words.entry(entry)}
            {entry.links?.map(link => (
              <span key={link.href}>
                {' '}
                <Link to={link.href}>{link.text ?? link.href}</Link>
              </span>
            ))}
          </Typography>
        </li>
      ))}
    </ol>
  );
}

/** The timeline of one incident, with its impact and postmortem. */
export function IncidentTimelineView(props: {
  timeline: StatusIncidentTimeline;
  /** Reads the timeline again (after its postmortem link changed). */
  onChanged: () => void;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const time = useTimeWords();
  const dashboard = useStatusRootPath();
  const { timeline } = props;
  return (
    <>
      <Link to={dashboard}>{t('backToDashboard')}</Link>
      <ContentHeader
        title={t('heading', {
          number: timeline.incident.number,
          title: timeline.incident.title,
        })}
      />
      <IncidentFacts timeline={timeline} />
      {timeline.gaps.map(gap => (
        <div key={gap.code} className={classes.gap} role="note">
          <InfoIcon fontSize="small" aria-hidden />
          <Typography variant="body2">
            {gapText(gap, t, time.dateTime)}
          </Typography>
        </div>
      ))}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <PostmortemCard timeline={timeline} onChanged={props.onChanged} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={t('impactTitle')}
            subheader={t('impactSummary', {
              count: timeline.impact.length + timeline.hiddenImpact,
              teams: t('teams', { count: timeline.teams }),
            })}
          >
            <ImpactTable timeline={timeline} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={t('timelineTitle')}
            subheader={t('timelineSummary', {
              count: timeline.entries.length,
            })}
          >
            <TimelineEntries timeline={timeline} />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

/**
 * The page of one incident (`<status page>/incidents/:account/:incidentId`):
 * a stable URL to paste in chat.
 */
export function IncidentTimelinePage() {
  const { account = 'default', incidentId = '' } = useParams();
  const t = useTimelineWords();
  const polled = useIncidentTimeline(account, incidentId);
  return (
    <Content>
      <StatusLayerRoot name="incident-timeline">
        <Loaded polled={polled} what={t('what')}>
          {timeline => (
            <IncidentTimelineView
              timeline={timeline}
              onChanged={polled.retry}
            />
          )}
        </Loaded>
      </StatusLayerRoot>
    </Content>
  );
}
