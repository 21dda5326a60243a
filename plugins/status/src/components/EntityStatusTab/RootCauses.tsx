import { InfoCard } from '@backstage/core-components';
import {
  HIDDEN_ENTITY_REF,
  StatusRootCause,
} from '@status-layer/plugin-status-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AlertList,
  EMBED,
  Embedded,
  EntityPath,
  IncidentList,
  LevelLabel,
  useLevelWords,
  OnCall,
  OwnerContacts,
  StatusEntityLink,
  useStatusTabWords,
} from '../common';
import { ReportProblemButton } from '../Report';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
}));

/** One upstream root cause: its level, path, incidents, owner and who is on call. */
export function RootCauseCard(props: {
  cause: StatusRootCause;
  /** The page's entity, which suffers from it (and reports it). */
  affected?: string;
}) {
  const classes = useStyles();
  const levels = useLevelWords();
  const t = useStatusTabWords();
  const { cause } = props;
  const hops = cause.path.length - 1;
  if (cause.entityRef === HIDDEN_ENTITY_REF) {
    // nothing about it may be told: not its name, owner, incidents or on-call
    return (
      <InfoCard
        title={t('rootCauseHidden')}
        subheader={t('hopsUpstream', { count: hops })}
      >
        <Typography variant="body2">
          {t('impactOnThis', { level: levels.label(cause.level) })}
        </Typography>
        <div className={classes.section}>
          <EntityPath path={cause.path} pagerDutyHops={cause.pagerDutyHops} />
        </div>
        <Typography variant="body2" color="textSecondary">
          {t('hiddenRootCauseHint')}
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title={
        <span>
          <Embedded text={t('rootCause', { entity: EMBED })}>
            <StatusEntityLink entityRef={cause.entityRef} />
          </Embedded>
        </span>
      }
      subheader={t('hopsUpstream', { count: hops })}
      action={
        props.affected && (
          <ReportProblemButton
            target={cause.entityRef}
            affected={props.affected}
          />
        )
      }
    >
      <LevelLabel level={cause.rootLevel ?? cause.level} variant="h6" />
      <Typography variant="body2" color="textSecondary">
        {t('impactOnThis', { level: levels.label(cause.level) })}
      </Typography>
      <div className={classes.section}>
        <EntityPath path={cause.path} pagerDutyHops={cause.pagerDutyHops} />
      </div>
      <div className={classes.section}>
        <Typography variant="overline">{t('activeIncidents')}</Typography>
        <IncidentList incidents={cause.incidents} />
        {cause.alerts.length > 0 && (
          <>
            <Typography variant="overline">{t('firingAlerts')}</Typography>
            <AlertList alerts={cause.alerts} />
          </>
        )}
      </div>
      <Grid container spacing={2} className={classes.section}>
        <Grid item xs={12} md={6}>
          <Typography variant="overline" component="div">
            {t('owner')}
          </Typography>
          <OwnerContacts owner={cause.owner} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="overline" component="div">
            {t('onCallNow')}
          </Typography>
          <OnCall policies={cause.escalationPolicies} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}

/** Every upstream root cause as a card, worst first. */
export function RootCauses(props: {
  causes: StatusRootCause[];
  /** The page's entity. */
  affected?: string;
}) {
  if (props.causes.length === 0) return null;
  return (
    <Grid container spacing={3}>
      {props.causes.map(cause => (
        <Grid item xs={12} key={cause.entityRef}>
          <RootCauseCard cause={cause} affected={props.affected} />
        </Grid>
      ))}
    </Grid>
  );
}
