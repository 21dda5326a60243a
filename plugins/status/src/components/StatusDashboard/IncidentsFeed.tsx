import { EmptyState } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { StatusFeedIncident } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentList, LevelLabel, useDashboardWords } from '../common';

const useStyles = makeStyles(theme => ({
  entities: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  item: { marginBottom: theme.spacing(2) },
  symptoms: {
    listStyle: 'none',
    marginLeft: theme.spacing(3),
    paddingLeft: theme.spacing(2),
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
}));

function FeedItem(props: { incident: StatusFeedIncident }) {
  const classes = useStyles();
  const { incident } = props;
  return (
    <>
      <div className={classes.entities}>
        {incident.entities.map(e => (
          <Typography key={e.entityRef} variant="body2" component="span">
            <EntityRefLink entityRef={e.entityRef} />{' '}
            <LevelLabel level={e.level} />
          </Typography>
        ))}
      </div>
      <IncidentList incidents={[incident]} />
    </>
  );
}

/** Active incidents company-wide, newest first, each with its entities and their levels. */
export function IncidentsFeed(props: { incidents: StatusFeedIncident[] }) {
  const classes = useStyles();
  const t = useDashboardWords();
  if (props.incidents.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('noActiveIncidents')}
        description={t('noActiveIncidentsDescription')}
      />
    );
  }
  // symptoms are listed under the upstream incident they probably follow
  // from, when it is in the feed: SREs see one problem, not twenty
  const ids = new Set(props.incidents.map(i => i.id));
  const causeOf = (i: StatusFeedIncident) =>
    i.symptomOf?.incidentId && ids.has(i.symptomOf.incidentId)
      ? i.symptomOf.incidentId
      : undefined;
  const symptomsOf = new Map<string, StatusFeedIncident[]>();
  for (const incident of props.incidents) {
    const cause = causeOf(incident);
    if (cause)
      symptomsOf.set(cause, [...(symptomsOf.get(cause) ?? []), incident]);
  }
  return (
    <ol
      aria-label={t('activeIncidentsLabel')}
      style={{ listStyle: 'none', padding: 0 }}
    >
      {props.incidents
        .filter(incident => !causeOf(incident))
        .map(incident => {
          const symptoms = symptomsOf.get(incident.id) ?? [];
          return (
            <li key={incident.id} className={classes.item}>
              <FeedItem incident={incident} />
              {symptoms.length > 0 && (
                <>
                  <Typography variant="subtitle2">
                    {t('probableSymptoms', { count: symptoms.length })}
                  </Typography>
                  <ol
                    className={classes.symptoms}
                    aria-label={t('probableSymptomsOf', {
                      title: incident.title,
                    })}
                  >
                    {symptoms.map(symptom => (
                      <li key={symptom.id} className={classes.item}>
                        <FeedItem incident={symptom} />
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </li>
          );
        })}
    </ol>
  );
}
