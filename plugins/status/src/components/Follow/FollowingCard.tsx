import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { LevelLabel } from '../common';
import { useSubscriptions } from './useSubscriptions';

/** What the signed-in user follows, each with its level and a way to stop. */
export function FollowingCard() {
  const subscriptions = useSubscriptions();
  const { value, error } = subscriptions;
  return (
    <InfoCard title="What you follow">
      {error && (
        <Typography color="error" role="alert" paragraph>
          {error.message}
        </Typography>
      )}
      {value && !value.notificationsEnabled && (
        <Typography variant="body2" paragraph>
          Notifications are turned off in this portal: following has no effect
          until an administrator sets status.notifications.enabled.
        </Typography>
      )}
      {value && value.removed > 0 && (
        <Typography variant="body2" paragraph>
          {value.removed === 1
            ? 'One entity you followed is no longer visible to you and was removed.'
            : `${value.removed} entities you followed are no longer visible to you and were removed.`}
        </Typography>
      )}
      {value && value.subscriptions.length === 0 && (
        <Typography variant="body2">
          You follow nothing yet. Use “Notify me” on an entity’s Status tab to
          hear when it, or an upstream of it, fails.
        </Typography>
      )}
      {value && value.subscriptions.length > 0 && (
        <>
          <Typography variant="body2" color="textSecondary">
            {value.subscriptions.length} of at most {value.max}. You are
            notified when one of these, or an upstream of it, fails, and when it
            recovers.
          </Typography>
          <List dense aria-label="Followed entities">
            {value.subscriptions.map(s => (
              <ListItem key={s.entityRef}>
                <ListItemText
                  primary={
                    <EntityRefLink entityRef={s.entityRef} title={s.title} />
                  }
                  secondary={
                    s.level ? (
                      <LevelLabel level={s.level} />
                    ) : (
                      'System, domain or team'
                    )
                  }
                />
                <ListItemSecondaryAction>
                  <Button
                    size="small"
                    disabled={subscriptions.busy}
                    onClick={() => subscriptions.unfollow(s.entityRef)}
                    aria-label={`Stop following ${s.title}`}
                  >
                    Stop
                  </Button>
                </ListItemSecondaryAction>
              </ListItem>
            ))}
          </List>
        </>
      )}
    </InfoCard>
  );
}
