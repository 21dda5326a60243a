import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  StatusEscalationPolicy,
  StatusOwner,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChatIcon from '@material-ui/icons/Chat';
import EmailIcon from '@material-ui/icons/Email';
import PhoneInTalkIcon from '@material-ui/icons/PhoneInTalk';

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

/** Who is on call now per escalation level, for each escalation policy. */
export function OnCall(props: { policies: StatusEscalationPolicy[] }) {
  const classes = useStyles();
  if (props.policies.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No PagerDuty escalation policy
      </Typography>
    );
  }
  return (
    <>
      {props.policies.map(policy => (
        <div key={policy.id}>
          <Typography variant="body2">
            <PhoneInTalkIcon className={classes.icon} aria-hidden />
            Escalation policy <strong>{policy.name}</strong>
          </Typography>
          {policy.onCall.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              Nobody is on call
            </Typography>
          ) : (
            <ul
              className={classes.list}
              aria-label={`On call for ${policy.name}`}
            >
              {[...policy.onCall]
                .sort((a, b) => a.level - b.level)
                .map(o => (
                  <li key={`${o.level}:${o.user.id}`}>
                    <Typography variant="body2">
                      Level {o.level}: <strong>{o.user.name}</strong>
                      {o.user.email && (
                        <>
                          {' '}
                          (
                          <Link to={`mailto:${o.user.email}`}>
                            {o.user.email}
                          </Link>
                          )
                        </>
                      )}
                    </Typography>
                  </li>
                ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}
