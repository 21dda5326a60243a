import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  currentOnCall,
  EntityStatus,
  HIDDEN_ENTITY_REF,
  StatusEscalationPolicy,
  StatusIncident,
  StatusOwner,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FollowButton } from '../Follow';
import { ReportProblemButton } from '../Report';
import {
  EMBED,
  Embedded,
  EntityPath,
  entityDisplayLevel,
  Freshness,
  LevelLabel,
  OwnerContacts,
  useExplanation,
  useNow,
  useStatusTabWords,
  useTimeWords,
} from '../common';

/** The answer's line about its own incident, by the incident's status. */
const OWN_INCIDENT = {
  triggered: 'ownIncidentTriggered',
  acknowledged: 'ownIncidentAcknowledged',
  resolved: 'ownIncidentResolved',
} as const satisfies Record<StatusIncident['status'], string>;

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(1, 2),
    margin: theme.spacing(2, 0),
    alignItems: 'baseline',
  },
  actions: { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
  term: { fontWeight: theme.typography.fontWeightMedium as number },
  definition: { margin: 0 },
  levels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
}));

/** Who answers for the level and what to open: the root cause's people when an upstream is why, else its own. */
function whoAnswers(status: EntityStatus): {
  owner: StatusOwner | null;
  policies: StatusEscalationPolicy[];
  incident?: StatusIncident;
  /** The root cause is hidden: the last entity the reader may see on its path. */
  askOwnerOf?: string;
} {
  const cause = status.rootCauses[0];
  if (!cause)
    return {
      owner: status.owner,
      policies: status.escalationPolicies,
      incident: status.incidents[0],
    };
  if (cause.entityRef === HIDDEN_ENTITY_REF)
    return {
      owner: null,
      policies: [],
      askOwnerOf: [...cause.path]
        .reverse()
        .find(ref => ref !== HIDDEN_ENTITY_REF),
    };
  return {
    owner: cause.owner,
    policies: cause.escalationPolicies,
    incident: cause.incidents[0],
  };
}

/** Who is on call now, lowest escalation level first; a shift that has ended is not. */
function OnCallNow(props: { policies: StatusEscalationPolicy[] }) {
  const nowMs = useNow().getTime();
  const t = useStatusTabWords();
  const current = props.policies
    .flatMap(policy =>
      currentOnCall(policy.onCall, nowMs).map(shift => ({ policy, shift })),
    )
    .sort((a, b) => a.shift.level - b.shift.level);
  if (!props.policies.length) return <span>{t('answerNoPolicy')}</span>;
  if (!current.length) return <span>{t('answerNobodyOnCall')}</span>;
  const { policy, shift } = current[0];
  return (
    <span>
      <Embedded
        text={t('answerOnCall', {
          name: EMBED,
          policy: policy.name,
          level: shift.level,
        })}
      >
        <strong>{shift.user.name}</strong>
      </Embedded>
    </span>
  );
}

/** The one action: join the incident's bridge, or else open the incident. */
function IncidentAction(props: { incident: StatusIncident }) {
  const { incident } = props;
  const t = useStatusTabWords();
  const bridge = incident.conferenceUrl;
  const href = bridge ?? incident.htmlUrl;
  if (!href) return null;
  return (
    <Button
      variant={bridge ? 'contained' : 'outlined'}
      color="primary"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
    >
      {t(bridge ? 'joinBridge' : 'openIncident', { number: incident.number })}
    </Button>
  );
}

/**
 * The answer, first and in one card: the level with its one-line why (the
 * root cause's path, or its own incident), who to call (the owner's channel
 * and who is on call, for the root cause when an upstream is why) and the one
 * action (join the bridge, or open the incident); then own against inherited
 * and how fresh it is.
 */
export function AnswerCard(props: { status: EntityStatus }) {
  const classes = useStyles();
  const now = useNow();
  const t = useStatusTabWords();
  const time = useTimeWords();
  const { status } = props;
  const explanation = useExplanation(status);
  const cause = status.rootCauses[0];
  const own = status.incidents[0];
  const answer = whoAnswers(status);
  return (
    <InfoCard
      title={t('health')}
      noPadding={false}
      action={
        <span className={classes.actions}>
          <ReportProblemButton
            target={status.entityRef}
            affected={status.entityRef}
          />
          <FollowButton
            entityRef={status.entityRef}
            title={status.entityRef.split('/').pop()!}
          />
        </span>
      }
    >
      <div role="heading" aria-level={2}>
        <LevelLabel level={entityDisplayLevel(status)} variant="h4" />
      </div>
      <Typography variant="body1" data-testid="status-explanation">
        {explanation}
      </Typography>
      <dl className={classes.facts} data-testid="status-answer">
        {(cause || own) && (
          <>
            <dt className={classes.term}>{t('why')}</dt>
            <dd className={classes.definition}>
              {cause ? (
                <EntityPath
                  path={cause.path}
                  pagerDutyHops={cause.pagerDutyHops}
                />
              ) : (
                <Typography variant="body2" component="span">
                  {t(OWN_INCIDENT[own!.status], {
                    title: own!.title,
                    number: own!.number,
                    ago: time.ago(own!.createdAt, now),
                  })}
                </Typography>
              )}
            </dd>
          </>
        )}
        <dt className={classes.term}>
          {cause ? t('whoToCallRootCause') : t('whoToCall')}
        </dt>
        <dd className={classes.definition}>
          {answer.askOwnerOf ? (
            <Typography variant="body2" component="span">
              <Embedded text={t('askOwnerOf', { entity: EMBED })}>
                <EntityRefLink
                  entityRef={answer.askOwnerOf}
                  defaultKind="component"
                />
              </Embedded>
            </Typography>
          ) : (
            <Typography variant="body2" component="div">
              <OwnerContacts owner={answer.owner} />{' '}
              <OnCallNow policies={answer.policies} />
            </Typography>
          )}
        </dd>
        {answer.incident &&
          (answer.incident.conferenceUrl || answer.incident.htmlUrl) && (
            <>
              <dt className={classes.term}>{t('action')}</dt>
              <dd className={classes.definition}>
                <IncidentAction incident={answer.incident} />
              </dd>
            </>
          )}
      </dl>
      <div className={classes.levels}>
        <span>
          <Typography variant="caption" color="textSecondary" component="div">
            {t('ownLevel')}
          </Typography>
          <LevelLabel
            level={status.levels.own ?? 'not_monitored'}
            coloured={false}
          />
        </span>
        <span>
          <Typography variant="caption" color="textSecondary" component="div">
            {t('inheritedLevel')}
          </Typography>
          <LevelLabel level={status.levels.inherited} coloured={false} />
        </span>
      </div>
      <Freshness freshness={status.freshness.pagerDuty} />
    </InfoCard>
  );
}
