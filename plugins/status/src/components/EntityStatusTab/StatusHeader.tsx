import { InfoCard } from '@backstage/core-components';
import { EntityStatus } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FollowButton } from '../Follow';
import {
  entityDisplayLevel,
  Freshness,
  LevelLabel,
  useExplanation,
} from '../common';

const useStyles = makeStyles(theme => ({
  levels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
}));

/** The effective level, big, with the one-line explanation, own vs inherited, and freshness. */
export function StatusHeader(props: { status: EntityStatus }) {
  const classes = useStyles();
  const { status } = props;
  const { pagerDuty } = status.freshness;
  const explanation = useExplanation(status);
  return (
    <InfoCard
      title="Health"
      noPadding={false}
      action={
        <FollowButton
          entityRef={status.entityRef}
          title={status.entityRef.split('/').pop()!}
        />
      }
    >
      <div role="heading" aria-level={2}>
        <LevelLabel level={entityDisplayLevel(status)} variant="h4" />
      </div>
      <Typography variant="body1" data-testid="status-explanation">
        {explanation}
      </Typography>
      <div className={classes.levels}>
        <span>
          <Typography variant="caption" color="textSecondary" component="div">
            Own signals
          </Typography>
          <LevelLabel
            level={status.levels.own ?? 'not_monitored'}
            coloured={false}
          />
        </span>
        <span>
          <Typography variant="caption" color="textSecondary" component="div">
            Inherited from dependencies
          </Typography>
          <LevelLabel level={status.levels.inherited} coloured={false} />
        </span>
      </div>
      <Freshness freshness={pagerDuty} />
    </InfoCard>
  );
}
