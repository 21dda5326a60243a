import {
  currentOnCall,
  EntityStatus,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import {
  EMBED,
  Embedded,
  entityDisplayLevel,
  Explanation,
  Freshness,
  LevelLabel,
  useLevelWords,
  StatusEntityLink,
  StatusOverviewCard,
  useEntityStatus,
  useNow,
  usePageEntityRef,
  useStatusTabWords,
} from '../common';

/**
 * Who answers first now: the lowest level on call now of the first
 * escalation policy; a shift that has ended since the last read is not.
 */
function OnCallNow(props: { status: EntityStatus }) {
  const nowMs = useNow().getTime();
  const t = useStatusTabWords();
  const [policy] = props.status.escalationPolicies;
  if (!policy) return null;
  const current = currentOnCall(policy.onCall, nowMs);
  const first = current.filter(o => o.level === current[0]?.level);
  let who = first.map(o => o.user.name).join(', ');
  if (!who)
    who = policy.onCall.length ? t('onCallNotKnown') : t('onCallNobody');
  return (
    <Typography variant="body2" paragraph>
      {t('onCall', { who, policy: policy.name })}
    </Typography>
  );
}

/**
 * The overview card: level, explanation, the top root cause, who is on call
 * and a link to the Status tab.
 */
export function EntityStatusCard() {
  const entityRef = usePageEntityRef();
  const status = useEntityStatus(entityRef);
  const levels = useLevelWords();
  const t = useStatusTabWords();
  return (
    <StatusOverviewCard entityRef={entityRef} polled={status}>
      {value => (
        <>
          <LevelLabel level={entityDisplayLevel(value)} variant="h5" />
          <Typography variant="body2" paragraph>
            <Explanation status={value} />
          </Typography>
          {value.rootCauses[0] && (
            <Typography variant="body2" paragraph>
              <Embedded
                text={t(
                  value.rootCauses.length > 1
                    ? 'rootCauseLineMore'
                    : 'rootCauseLine',
                  {
                    entity: EMBED,
                    level: levels.label(
                      value.rootCauses[0].rootLevel ??
                        value.rootCauses[0].level,
                    ),
                    more: value.rootCauses.length - 1,
                  },
                )}
              >
                <StatusEntityLink entityRef={value.rootCauses[0].entityRef} />
              </Embedded>
            </Typography>
          )}
          {value.problems.length > 0 && (
            <Typography variant="body2" color="error" paragraph>
              {t('annotationProblems', { count: value.problems.length })}
            </Typography>
          )}
          <OnCallNow status={value} />
          <Freshness freshness={value.freshness.pagerDuty} />
        </>
      )}
    </StatusOverviewCard>
  );
}
