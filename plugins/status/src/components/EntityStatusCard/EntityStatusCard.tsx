import {
  currentOnCall,
  EntityStatus,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import {
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
} from '../common';

/**
 * Who answers first now: the lowest level on call now of the first
 * escalation policy; a shift that has ended since the last read is not.
 */
function OnCallNow(props: { status: EntityStatus }) {
  const nowMs = useNow().getTime();
  const [policy] = props.status.escalationPolicies;
  if (!policy) return null;
  const current = currentOnCall(policy.onCall, nowMs);
  const first = current.filter(o => o.level === current[0]?.level);
  let who = first.map(o => o.user.name).join(', ');
  if (!who)
    who = policy.onCall.length
      ? 'not known (the shifts last read have ended)'
      : 'nobody';
  return (
    <Typography variant="body2" paragraph>
      On call: {who} ({policy.name})
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
              Root cause:{' '}
              <StatusEntityLink entityRef={value.rootCauses[0].entityRef} /> (
              {levels.label(
                value.rootCauses[0].rootLevel ?? value.rootCauses[0].level,
              )}
              )
              {value.rootCauses.length > 1 &&
                ` and ${value.rootCauses.length - 1} more`}
            </Typography>
          )}
          {value.problems.length > 0 && (
            <Typography variant="body2" color="error" paragraph>
              {value.problems.length} annotation problem
              {value.problems.length === 1 ? '' : 's'}: see the Status tab
            </Typography>
          )}
          <OnCallNow status={value} />
          <Freshness freshness={value.freshness.pagerDuty} />
        </>
      )}
    </StatusOverviewCard>
  );
}
