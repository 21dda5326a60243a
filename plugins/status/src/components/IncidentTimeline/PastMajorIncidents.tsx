import { InfoCard, Link } from '@backstage/core-components';
import { StatusMajorIncidents } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import {
  Loaded,
  StatusEntityLink,
  useIncidentTimelineLink,
  useMajorIncidents,
  useTimelineWords,
  useTimeWords,
} from '../common';

const PAGE = 25;

const useStyles = makeStyles(theme => ({
  search: { marginBottom: theme.spacing(2), maxWidth: '30rem' },
  pages: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  shares: { marginTop: theme.spacing(3) },
}));

/** The list once loaded: a page of incidents, paging, and each team's share with a postmortem. */
function MajorIncidentsTable(props: {
  answer: StatusMajorIncidents;
  onPage: (offset: number) => void;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const time = useTimeWords();
  const timelineOf = useIncidentTimelineLink();
  const { answer } = props;
  if (!answer.incidents.length)
    return (
      <Typography variant="body2">
        {answer.query
          ? t('majorNoneMatching', { query: answer.query })
          : t('majorNone', { days: answer.days })}
      </Typography>
    );
  return (
    <>
      <Table size="small" aria-label={t('majorTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('majorColumnWhen')}</TableCell>
            <TableCell>{t('majorColumnIncident')}</TableCell>
            <TableCell>{t('majorColumnOn')}</TableCell>
            <TableCell>{t('majorColumnLasted')}</TableCell>
            <TableCell>{t('majorColumnReach')}</TableCell>
            <TableCell>{t('majorColumnPostmortem')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {answer.incidents.map(i => (
            <TableRow key={`${i.account}/${i.id}`}>
              <TableCell>{time.dateTime(i.createdAt)}</TableCell>
              <TableCell>
                <Link to={timelineOf(i)}>
                  #{i.number} {i.title}
                </Link>
                {i.priority && ` (${i.priority})`}
              </TableCell>
              <TableCell>
                <StatusEntityLink entityRef={i.entityRef} />
              </TableCell>
              <TableCell>
                {i.resolvedAt
                  ? time.duration(i.durationMs)
                  : t('ongoing', { duration: time.duration(i.durationMs) })}
              </TableCell>
              <TableCell>
                {i.blastRadius
                  ? t('reach', {
                      entities: t('reachEntities', {
                        count: i.blastRadius.entities,
                      }),
                      teams: t('reachTeams', { count: i.blastRadius.teams }),
                    })
                  : t('reachUnknown')}
              </TableCell>
              <TableCell>
                {i.postmortem ? (
                  <Link to={i.postmortem.url}>
                    {i.postmortem.title ?? t('postmortemLink')}
                  </Link>
                ) : (
                  t('noPostmortem')
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className={classes.pages}>
        <Button
          size="small"
          disabled={answer.offset === 0}
          onClick={() => props.onPage(Math.max(0, answer.offset - PAGE))}
        >
          {t('previousPage')}
        </Button>
        <Typography variant="body2">
          {t('pageRange', {
            from: answer.offset + 1,
            to: answer.offset + answer.incidents.length,
            total: answer.total,
          })}
        </Typography>
        <Button
          size="small"
          disabled={answer.offset + answer.incidents.length >= answer.total}
          onClick={() => props.onPage(answer.offset + PAGE)}
        >
          {t('nextPage')}
        </Button>
      </div>
      {answer.truncated && (
        <Typography variant="body2">
          {t('truncated', { count: answer.total })}
        </Typography>
      )}
      {answer.teams.length > 0 && (
        <Table
          size="small"
          className={classes.shares}
          aria-label={t('teamShareTitle')}
        >
          <caption>{t('teamShareTitle')}</caption>
          <TableHead>
            <TableRow>
              <TableCell>{t('teamShareColumnTeam')}</TableCell>
              <TableCell>{t('teamShareColumnShare')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {answer.teams.map(team => (
              <TableRow key={team.team}>
                <TableCell>
                  <StatusEntityLink entityRef={team.team} />
                </TableCell>
                <TableCell>
                  {t('teamShare', {
                    withPostmortem: team.withPostmortem,
                    incidents: team.incidents,
                    percent: Math.round(
                      (100 * team.withPostmortem) / team.incidents,
                    ),
                  })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/**
 * The major incidents of the last 90 days (and the backfilled past) of an
 * entity, of a System's, Domain's or Group's members, or of the company
 * without `entityRef`: searchable by title words, each with its timeline,
 * duration, reach and postmortem.
 */
export function PastMajorIncidentsCard(props: {
  entityRef?: string;
  /** Reads again when it changes (e.g. the entity's level). */
  version?: string;
}) {
  const classes = useStyles();
  const t = useTimelineWords();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  // search as the reader types, once they pause
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim());
      setOffset(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const polled = useMajorIncidents(
    { entityRef: props.entityRef, q: query, offset },
    props.version,
  );
  return (
    <InfoCard
      title={t('majorTitle')}
      subheader={
        polled.value
          ? t('majorSummary', {
              count: polled.value.total,
              days: polled.value.days,
            })
          : undefined
      }
    >
      <TextField
        id={`major-incidents-search${props.entityRef ? '-entity' : ''}`}
        className={classes.search}
        label={t('majorSearch')}
        value={typed}
        onChange={e => setTyped(e.target.value)}
        inputProps={{ maxLength: 200 }}
        variant="outlined"
        size="small"
        fullWidth
        type="search"
      />
      <Loaded polled={polled} what={t('majorTitle')} compact>
        {answer => <MajorIncidentsTable answer={answer} onPage={setOffset} />}
      </Loaded>
    </InfoCard>
  );
}
