import { Link } from '@backstage/core-components';
import {
  describePartFreshness,
  LEVEL_LABELS,
  StatusChange,
  StatusChanges,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ago,
  EntityPath,
  LevelLabel,
  LoadedCard,
  StatusEntityLink,
  timeOfDay,
  useChanges,
  useNow,
  useSignalListStyles,
} from '../common';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
}));

/** "6 min before", "Under a minute before": how long after the change things went wrong. */
export function followUpWords(change: StatusChange): string | undefined {
  if (!change.followedBy) return undefined;
  const minutes = change.followedBy.minutesAfter;
  return minutes < 1 ? 'Under a minute before' : `${minutes} min before`;
}

function ChangeEntry(props: { change: StatusChange; now: Date }) {
  const classes = useStyles();
  const listClasses = useSignalListStyles();
  const { change, now } = props;
  const upstream = change.path.length > 1;
  const before = followUpWords(change);
  return (
    <li className={listClasses.item} aria-label={`Change: ${change.summary}`}>
      <div className={classes.line}>
        <Typography variant="body2" component="span" color="textSecondary">
          <time dateTime={change.at} title={new Date(change.at).toString()}>
            {timeOfDay(change.at)} ({ago(change.at, now)})
          </time>
        </Typography>
        <Typography variant="body2" component="span">
          <strong>{change.summary}</strong>
        </Typography>
      </div>
      <div className={classes.line}>
        <Typography variant="body2" component="span">
          {upstream ? 'On the upstream ' : 'On '}
          <StatusEntityLink entityRef={change.entityRef} />
          {change.source ? ` · from ${change.source}` : ''}
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
          Path: <EntityPath path={change.path} />
        </Typography>
      )}
      {change.followedBy && before && (
        <div className={classes.line}>
          <LevelLabel level={change.followedBy.level} />
          <Typography variant="body2" component="span">
            {before}{' '}
            <StatusEntityLink entityRef={change.followedBy.entityRef} /> turned{' '}
            {LEVEL_LABELS[change.followedBy.level].toLowerCase()}
            {change.followedBy.incident
              ? `: “${change.followedBy.incident}”`
              : ''}
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
          {hidden} more change{hidden === 1 ? '' : 's'} on upstreams you cannot
          see.
        </Typography>
      )}
    </>
  );
}

/** The card's content once loaded: changes, what is left out, and what may be missing. */
export function RecentChangesList(props: { changes: StatusChanges }) {
  const { changes } = props;
  const notices = changes.freshness
    .map(part => describePartFreshness(part, timeOfDay))
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
          No changes recorded on this entity or its upstreams in the last{' '}
          {changes.hours} hours.
        </Typography>
      )}
      <ChangeList
        changes={changes.changes}
        hiddenChanges={changes.hiddenChanges}
      />
      {changes.truncated && (
        <Typography variant="body2" color="textSecondary">
          Only the latest {changes.changes.length} are listed.
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
  return (
    <LoadedCard
      title="Recent changes"
      subheader="Deploys and configuration changes on this entity and its upstreams, from PagerDuty change events, over the last 24 hours"
      polled={changes}
      what="the recent changes"
    >
      {value => <RecentChangesList changes={value} />}
    </LoadedCard>
  );
}
