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
import { useNow } from './Freshness';

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
  const { owner } = props;
  if (!owner) {
    return (
      <Typography variant="body2" color="textSecondary">
        No owner in the catalog
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

/** A date and time in the reader's locale and time zone, e.g. "6 Dec 2026, 10:42". */
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

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
  const nowMs = useNow().getTime();
  if (props.policies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No PagerDuty escalation policy
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
              Escalation policy <strong>{policy.name}</strong>
            </Typography>
            {current.length === 0 && ended.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                Nobody is on call
              </Typography>
            )}
            {current.length > 0 && (
              <ul
                className={classes.list}
                aria-label={`On call for ${policy.name}`}
              >
                {current.map(o => (
                  <li key={`${o.level}:${o.user.id}`}>
                    <Typography variant="body2">
                      Level {o.level}: <Person user={o.user} />
                      {o.end && <> until {dateTime(o.end)}</>}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            {ended.length > 0 && (
              <>
                <ul
                  className={classes.list}
                  aria-label={`Shifts that have ended for ${policy.name}`}
                >
                  {ended.map(o => (
                    <li key={`${o.level}:${o.user.id}:ended`}>
                      <Typography variant="body2">
                        Level {o.level}: <Person user={o.user} /> was on call
                        until {dateTime(o.end!)}
                      </Typography>
                    </li>
                  ))}
                </ul>
                <Typography variant="body2" color="textSecondary">
                  {policy.onCallReadAt
                    ? `PagerDuty's on-call has not been read since ${dateTime(
                        policy.onCallReadAt,
                      )}, so who took over is not known.`
                    : "PagerDuty's on-call has not been read, so who is on call is not known."}
                </Typography>
              </>
            )}
          </div>
        );
      })}
    </>
  );
}
