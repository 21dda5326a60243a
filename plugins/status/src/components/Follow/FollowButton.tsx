import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import NotificationsNoneIcon from '@material-ui/icons/NotificationsNone';
import { useStatusTabWords } from '../common';
import { useSubscriptions } from './useSubscriptions';

/**
 * "Notify me" on a Status tab: follows the entity (or System, Domain, Group)
 * so that its outages, and the upstream outages that reach it, arrive in the
 * user's notifications; "Following" stops it.
 */
export function FollowButton(props: { entityRef: string; title: string }) {
  const { entityRef, title } = props;
  const t = useStatusTabWords();
  const subscriptions = useSubscriptions();
  const following = subscriptions.follows(entityRef);
  const off = subscriptions.value?.notificationsEnabled === false;
  let hint = t('followHint', { title });
  if (following) hint = t('followingHint', { title });
  if (off) hint = t('notificationsOff');
  const button = (
    <Button
      size="small"
      variant={following ? 'contained' : 'outlined'}
      color="primary"
      disabled={!subscriptions.value || subscriptions.busy || off}
      startIcon={
        following ? <NotificationsActiveIcon /> : <NotificationsNoneIcon />
      }
      aria-pressed={following}
      onClick={() =>
        following
          ? subscriptions.unfollow(entityRef)
          : subscriptions.follow(entityRef)
      }
    >
      {following ? t('following') : t('notifyMe')}
    </Button>
  );
  return (
    <span>
      <Tooltip title={hint}>
        <span>{button}</span>
      </Tooltip>
      {subscriptions.error && (
        <Typography
          variant="caption"
          color="error"
          component="div"
          role="alert"
        >
          {subscriptions.error.message}
        </Typography>
      )}
    </span>
  );
}
