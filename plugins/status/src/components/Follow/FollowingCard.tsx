import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { LevelLabel, useStatusTabWords } from '../common';
import { useSubscriptions } from './useSubscriptions';

/** What the signed-in user follows, each with its level and a way to stop. */
export function FollowingCard() {
  const subscriptions = useSubscriptions();
  const { value, error } = subscriptions;
  const t = useStatusTabWords();
  return (
    <InfoCard title={t('whatYouFollow')}>
      {error && (
        <Typography color="error" role="alert" paragraph>
          {error.message}
        </Typography>
      )}
      {value && !value.notificationsEnabled && (
        <Typography variant="body2" paragraph>
          {t('notificationsOffCard')}
        </Typography>
      )}
      {value && value.removed > 0 && (
        <Typography variant="body2" paragraph>
          {t('followedRemoved', { count: value.removed })}
        </Typography>
      )}
      {value && value.subscriptions.length === 0 && (
        <Typography variant="body2">{t('followNothing')}</Typography>
      )}
      {value && value.subscriptions.length > 0 && (
        <>
          <Typography variant="body2" color="textSecondary">
            {t('followCount', {
              count: value.subscriptions.length,
              max: value.max,
            })}
          </Typography>
          <List dense aria-label={t('followedEntities')}>
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
                      t('systemDomainOrTeam')
                    )
                  }
                />
                <ListItemSecondaryAction>
                  <Button
                    size="small"
                    disabled={subscriptions.busy}
                    onClick={() => subscriptions.unfollow(s.entityRef)}
                    aria-label={t('stopFollowing', { title: s.title })}
                  >
                    {t('stop')}
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
