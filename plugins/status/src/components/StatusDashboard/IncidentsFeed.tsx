import { EmptyState } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { StatusFeedIncident } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentList, LevelLabel } from '../common';

const useStyles = makeStyles(theme => ({
  entities: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  item: { marginBottom: theme.spacing(2) },
}));

/** Active incidents company-wide, newest first, each with its entities and their levels. */
export function IncidentsFeed(props: { incidents: StatusFeedIncident[] }) {
  const classes = useStyles();
  if (props.incidents.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No active incidents"
        description="No incident is triggered or acknowledged on a service you can see."
      />
    );
  }
  return (
    <ol
      aria-label="Active incidents, newest first"
      style={{ listStyle: 'none', padding: 0 }}
    >
      {props.incidents.map(incident => (
        <li key={incident.id} className={classes.item}>
          <div className={classes.entities}>
            {incident.entities.map(e => (
              <Typography key={e.entityRef} variant="body2" component="span">
                <EntityRefLink entityRef={e.entityRef} />{' '}
                <LevelLabel level={e.level} />
              </Typography>
            ))}
          </div>
          <IncidentList incidents={[incident]} />
        </li>
      ))}
    </ol>
  );
}
