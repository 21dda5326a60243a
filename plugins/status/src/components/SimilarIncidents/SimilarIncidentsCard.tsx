import { Link } from '@backstage/core-components';
import {
  StatusSimilarIncident,
  StatusSimilarIncidents,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityPath,
  formatDuration,
  LoadedCard,
  StatusEntityLink,
  useSimilarIncidents,
} from '../common';
import { whenLabel } from '../Maintenance/MaintenanceCard';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: theme.spacing(0, 0, 2, 0) },
  item: {
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
}));

const RELATION_WORDS: Record<StatusSimilarIncident['relation'], string> = {
  'same-service': 'on the same service',
  'root-cause': 'on the upstream this outage comes from',
  upstream: 'on an upstream',
};

/** "on the same service, 10 Nov, lasted 38 min, resolved by Ada". */
export function describeSimilar(similar: StatusSimilarIncident): string {
  const lasted = formatDuration(
    Date.parse(similar.resolvedAt) - Date.parse(similar.createdAt),
  );
  return [
    RELATION_WORDS[similar.relation],
    whenLabel(similar.createdAt),
    `lasted ${lasted}`,
    similar.resolvedBy ? `resolved by ${similar.resolvedBy}` : undefined,
    `${Math.round(similar.titleSimilarity * 100)} % of title words shared`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function SimilarEntry(props: { similar: StatusSimilarIncident }) {
  const classes = useStyles();
  const { similar } = props;
  return (
    <li className={classes.item} aria-label={`Past incident: ${similar.title}`}>
      <Typography variant="body2" component="div">
        {similar.htmlUrl ? (
          <Link to={similar.htmlUrl} target="_blank" rel="noopener noreferrer">
            {similar.title}
          </Link>
        ) : (
          similar.title
        )}{' '}
        — <StatusEntityLink entityRef={similar.entityRef} />
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {describeSimilar(similar)}
      </Typography>
      {similar.path.length > 1 && (
        <Typography variant="caption" color="textSecondary" component="div">
          Path: <EntityPath path={similar.path} />
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
  const { answer } = props;
  return (
    <>
      {answer.incidents.map(incident => (
        <section key={incident.id} aria-label={`Like ${incident.title}`}>
          <Typography variant="overline" component="h3">
            Like “{incident.title}”
          </Typography>
          {incident.similar.length === 0 ? (
            <Typography variant="body2" color="textSecondary" paragraph>
              No resolved incident of the last {answer.days} days on this
              service or its upstreams resembles it.
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
          {answer.hiddenMatches} more on upstreams you cannot see.
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
  return (
    <LoadedCard
      title="Similar past incidents"
      subheader="Resolved incidents like the open ones, on this service and its upstreams, over the last 90 days"
      polled={answer}
      what="past incidents"
    >
      {value => <SimilarIncidentsList answer={value} />}
    </LoadedCard>
  );
}
