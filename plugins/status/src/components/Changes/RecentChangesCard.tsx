import { Link } from '@backstage/core-components';
import {
  StatusChange,
  StatusChanges,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityPath,
  LevelLabel,
  LoadedCard,
  StatusEntityLink,
  useChanges,
  useHistoryWords,
  useLevelWords,
  useNow,
  usePartFreshnessWords,
  useSignalListStyles,
  useTimeWords,
} from '../common';

type HistoryWords = ReturnType<typeof useHistoryWords>;

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
}));

/** "6 min before", "Under a minute before": how long after the change things went wrong. */
export function followUpWords(
  change: StatusChange,
  words: HistoryWords,
): string | undefined {
  if (!change.followedBy) return undefined;
  const minutes = change.followedBy.minutesAfter;
  return minutes < 1
    ? words('underAMinuteBefore')
    : words('minutesBefore', { minutes });
}

function ChangeEntry(props: { change: StatusChange; now: Date }) {
  const classes = useStyles();
  const listClasses = useSignalListStyles();
  const t = useHistoryWords();
  const levels = useLevelWords();
  const time = useTimeWords();
  const { change, now } = props;
  const upstream = change.path.length > 1;
  const before = followUpWords(change, t);
  return (
    <li
      className={listClasses.item}
      aria-label={t('changeLabel', { summary: change.summary })}
    >
      <div className={classes.line}>
        <Typography variant="body2" component="span" color="textSecondary">
          <time dateTime={change.at} title={new Date(change.at).toString()}>
            {time.clock(change.at)} ({time.ago(change.at, now)})
          </time>
        </Typography>
        <Typography variant="body2" component="span">
          <strong>{change.summary}</strong>
        </Typography>
      </div>
      <div className={classes.line}>
        <Typography variant="body2" component="span">
          {t(upstream ? 'onUpstreamLabel' : 'onLabel')}{' '}
          <StatusEntityLink entityRef={change.entityRef} />
          {change.source
            ? ` · ${t('fromSource', { source: change.source })}`
            : ''}
        </Typography>
        {change.links.map(link => (
          <Link
            key={link.href}
            to={link.href}
            target="_blank"
            rel="noopener noreferrer"
          >
            {link.text || link.href}
          </Link>
        ))}
      </div>
      {upstream && (
        <Typography variant="caption" component="div" color="textSecondary">
          {t('pathLabel')} <EntityPath path={change.path} />
        </Typography>
      )}
      {change.followedBy && before && (
        <div className={classes.line}>
          <LevelLabel level={change.followedBy.level} />
          <Typography variant="body2" component="span">
            {before}{' '}
            <StatusEntityLink entityRef={change.followedBy.entityRef} />{' '}
            {t(
              change.followedBy.incident
                ? 'turnedLevelIncident'
                : 'turnedLevel',
              {
                level: levels
                  .label(change.followedBy.level)
                  .toLocaleLowerCase(),
                incident: change.followedBy.incident ?? '',
              },
            )}
          </Typography>
        </div>
      )}
    </li>
  );
}

/** Changes newest first, and how many on upstreams the reader may not see. */
export function ChangeList(props: {
  changes: StatusChange[];
  hiddenChanges?: number;
}) {
  const classes = useSignalListStyles();
  const now = useNow(30_000);
  const hidden = props.hiddenChanges ?? 0;
  const t = useHistoryWords();
  return (
    <>
      <ul className={classes.list}>
        {props.changes.map(change => (
          <ChangeEntry
            key={`${change.id}/${change.entityRef}`}
            change={change}
            now={now}
          />
        ))}
      </ul>
      {hidden > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('hiddenChanges', { count: hidden })}
        </Typography>
      )}
    </>
  );
}

/** The card's content once loaded: changes, what is left out, and what may be missing. */
export function RecentChangesList(props: { changes: StatusChanges }) {
  const { changes } = props;
  const t = useHistoryWords();
  const describe = usePartFreshnessWords();
  const notices = changes.freshness
    .map(describe)
    .filter((n): n is string => Boolean(n));
  return (
    <>
      {notices.map(notice => (
        <Typography key={notice} variant="body2" color="error" role="status">
          {notice}
        </Typography>
      ))}
      {changes.changes.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('noChanges', { count: changes.hours })}
        </Typography>
      )}
      <ChangeList
        changes={changes.changes}
        hiddenChanges={changes.hiddenChanges}
      />
      {changes.truncated && (
        <Typography variant="body2" color="textSecondary">
          {t('onlyLatest', { count: changes.changes.length })}
        </Typography>
      )}
    </>
  );
}

/**
 * Deploys and configuration changes PagerDuty recorded over the last day on
 * the entity and on every upstream along its dependencies, newest first,
 * each with the outage that followed it, if any. Read again whenever the
 * entity's level changes (`version`).
 */
export function RecentChangesCard(props: {
  entityRef: string;
  version?: string;
}) {
  const changes = useChanges(props.entityRef, props.version);
  const t = useHistoryWords();
  return (
    <LoadedCard
      title={t('changesTitle')}
      subheader={t('changesSubheader')}
      polled={changes}
      what={t('whatChanges')}
    >
      {value => <RecentChangesList changes={value} />}
    </LoadedCard>
  );
}
