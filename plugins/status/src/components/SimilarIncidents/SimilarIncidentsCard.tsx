import { Link } from '@backstage/core-components';
import {
  StatusSimilarIncident,
  StatusSimilarIncidents,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityPath,
  LoadedCard,
  StatusEntityLink,
  TimeWords,
  useDashboardWords,
  useHistoryWords,
  useIncidentTimelineLink,
  useSimilarIncidents,
  useTimelineWords,
  useTimeWords,
} from '../common';
import { whenLabel } from '../Maintenance/MaintenanceCard';
import { HISTORY_MESSAGES } from '../../translations/history';

type HistoryWords = ReturnType<typeof useHistoryWords>;
type DashboardWords = ReturnType<typeof useDashboardWords>;

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: theme.spacing(0, 0, 2, 0) },
  item: {
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
}));

const RELATION_WORDS: Record<
  StatusSimilarIncident['relation'],
  keyof typeof HISTORY_MESSAGES
> = {
  'same-service': 'relationSameService',
  'root-cause': 'relationRootCause',
  upstream: 'relationUpstream',
};

/**
 * "on the same service, 10 Nov, lasted 38 min, resolved by Ada"; the day in
 * the dashboard's words, as maintenance windows say it.
 */
export function describeSimilar(
  similar: StatusSimilarIncident,
  words: HistoryWords,
  dashboardWords: DashboardWords,
  time: TimeWords,
): string {
  const lasted = time.duration(
    Date.parse(similar.resolvedAt) - Date.parse(similar.createdAt),
  );
  return [
    words(RELATION_WORDS[similar.relation]),
    whenLabel(similar.createdAt, dashboardWords, new Date(), time),
    words('lasted', { duration: lasted }),
    similar.resolvedBy
      ? words('resolvedBy', { name: similar.resolvedBy })
      : undefined,
    words('titleWordsShared', {
      percent: Math.round(similar.titleSimilarity * 100),
    }),
  ]
    .filter(Boolean)
    .join(' · ');
}

function SimilarEntry(props: { similar: StatusSimilarIncident }) {
  const classes = useStyles();
  const t = useHistoryWords();
  const dashboardWords = useDashboardWords();
  const time = useTimeWords();
  const timelineOf = useIncidentTimelineLink();
  const timelineWords = useTimelineWords();
  const { similar } = props;
  return (
    <li
      className={classes.item}
      aria-label={t('pastIncident', { title: similar.title })}
    >
      <Typography variant="body2" component="div">
        {similar.htmlUrl ? (
          <Link to={similar.htmlUrl} target="_blank" rel="noopener noreferrer">
            {similar.title}
          </Link>
        ) : (
          similar.title
        )}{' '}
        — <StatusEntityLink entityRef={similar.entityRef} /> ·{' '}
        <Link to={timelineOf(similar)}>{timelineWords('timelineLink')}</Link>
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {describeSimilar(similar, t, dashboardWords, time)}
      </Typography>
      {similar.path.length > 1 && (
        <Typography variant="caption" color="textSecondary" component="div">
          {t('pathLabel')} <EntityPath path={similar.path} />
        </Typography>
      )}
    </li>
  );
}

/** The card's content once loaded. */
export function SimilarIncidentsList(props: {
  answer: StatusSimilarIncidents;
}) {
  const classes = useStyles();
  const t = useHistoryWords();
  const { answer } = props;
  return (
    <>
      {answer.incidents.map(incident => (
        <section
          key={incident.id}
          aria-label={t('likeLabel', { title: incident.title })}
        >
          <Typography variant="overline" component="h3">
            {t('likeHeading', { title: incident.title })}
          </Typography>
          {incident.similar.length === 0 ? (
            <Typography variant="body2" color="textSecondary" paragraph>
              {t('noSimilar', { count: answer.days })}
            </Typography>
          ) : (
            <ul className={classes.list}>
              {incident.similar.map(similar => (
                <SimilarEntry key={similar.id} similar={similar} />
              ))}
            </ul>
          )}
        </section>
      ))}
      {answer.hiddenMatches > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('hiddenMatches', { count: answer.hiddenMatches })}
        </Typography>
      )}
    </>
  );
}

/**
 * For each open incident, the closest resolved incidents of the last 90
 * days on the same service and on its upstreams: what happened last time,
 * how long it took and who fixed it.
 */
export function SimilarIncidentsCard(props: {
  entityRef: string;
  version?: string;
}) {
  const answer = useSimilarIncidents(props.entityRef, props.version);
  const t = useHistoryWords();
  return (
    <LoadedCard
      title={t('similarTitle')}
      subheader={t('similarSubheader')}
      polled={answer}
      what={t('whatSimilar')}
    >
      {value => <SimilarIncidentsList answer={value} />}
    </LoadedCard>
  );
}
