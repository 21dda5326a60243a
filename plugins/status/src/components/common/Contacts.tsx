import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  currentOnCall,
  onCallShiftState,
  StatusEscalationPolicy,
  StatusOwner,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChatIcon from '@material-ui/icons/Chat';
import EmailIcon from '@material-ui/icons/Email';
import PhoneInTalkIcon from '@material-ui/icons/PhoneInTalk';
import { Embedded, EMBED } from './Embedded';
import { useNow } from './Freshness';
import { useSharedWords } from './useSectionWords';
import { useTimeWords } from './useTimeWords';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  icon: { fontSize: '1rem', verticalAlign: 'middle', marginRight: 2 },
  list: { margin: 0, paddingLeft: theme.spacing(2) },
}));

/** A Slack channel as a link that opens it in the reader's workspace. */
export function slackChannelUrl(channel: string): string {
  return `https://slack.com/app_redirect?channel=${encodeURIComponent(
    channel.replace(/^#/, ''),
  )}`;
}

/** The owning group with its Slack channel and e-mail. */
export function OwnerContacts(props: { owner: StatusOwner | null }) {
  const classes = useStyles();
  const t = useSharedWords();
  const { owner } = props;
  if (!owner) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('noOwner')}
      </Typography>
    );
  }
  return (
    <span className={classes.line}>
      <EntityRefLink
        entityRef={owner.entityRef}
        title={owner.displayName}
        defaultKind="group"
      />
      {owner.slackChannel && (
        <Link to={slackChannelUrl(owner.slackChannel)}>
          <ChatIcon className={classes.icon} aria-hidden />
          {owner.slackChannel}
        </Link>
      )}
      {owner.email && (
        <Link to={`mailto:${owner.email}`}>
          <EmailIcon className={classes.icon} aria-hidden />
          {owner.email}
        </Link>
      )}
    </span>
  );
}

function Person(props: { user: StatusEscalationPolicy['onCall'][0]['user'] }) {
  const { user } = props;
  return (
    <>
      <strong>{user.name}</strong>
      {user.email && (
        <>
          {' '}
          (<Link to={`mailto:${user.email}`}>{user.email}</Link>)
        </>
      )}
    </>
  );
}

/**
 * Who is on call now per escalation level, for each escalation policy. A
 * shift that has ended since PagerDuty was last read is never shown as on
 * call now: it says who was on call until when, and since when PagerDuty has
 * not been read.
 */
export function OnCall(props: { policies: StatusEscalationPolicy[] }) {
  const classes = useStyles();
  const t = useSharedWords();
  const time = useTimeWords();
  const nowMs = useNow().getTime();
  if (props.policies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('noEscalationPolicy')}
      </Typography>
    );
  }
  return (
    <>
      {props.policies.map(policy => {
        const current = currentOnCall(policy.onCall, nowMs);
        const ended = policy.onCall
          .filter(o => onCallShiftState(o, nowMs) === 'ended')
          .sort((a, b) => a.level - b.level);
        return (
          <div key={policy.id}>
            <Typography variant="body2">
              <PhoneInTalkIcon className={classes.icon} aria-hidden />
              <Embedded text={t('escalationPolicy', { name: EMBED })}>
                <strong>{policy.name}</strong>
              </Embedded>
            </Typography>
            {current.length === 0 && ended.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                {t('nobodyOnCall')}
              </Typography>
            )}
            {current.length > 0 && (
              <ul
                className={classes.list}
                aria-label={t('onCallFor', { policy: policy.name })}
              >
                {current.map(o => (
                  <li key={`${o.level}:${o.user.id}`}>
                    <Typography variant="body2">
                      <Embedded
                        text={
                          o.end
                            ? t('onCallLevelUntil', {
                                level: o.level,
                                person: EMBED,
                                time: time.dateTime(o.end),
                              })
                            : t('onCallLevel', {
                                level: o.level,
                                person: EMBED,
                              })
                        }
                      >
                        <Person user={o.user} />
                      </Embedded>
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            {ended.length > 0 && (
              <>
                <ul
                  className={classes.list}
                  aria-label={t('shiftsEndedFor', { policy: policy.name })}
                >
                  {ended.map(o => (
                    <li key={`${o.level}:${o.user.id}:ended`}>
                      <Typography variant="body2">
                        <Embedded
                          text={t('shiftEnded', {
                            level: o.level,
                            person: EMBED,
                            time: time.dateTime(o.end!),
                          })}
                        >
                          <Person user={o.user} />
                        </Embedded>
                      </Typography>
                    </li>
                  ))}
                </ul>
                <Typography variant="body2" color="textSecondary">
                  {policy.onCallReadAt
                    ? t('onCallNotReadSince', {
                        time: time.dateTime(policy.onCallReadAt),
                      })
                    : t('onCallNotRead')}
                </Typography>
              </>
            )}
          </div>
        );
      })}
    </>
  );
}
