import {
  DEFAULT_PAGERDUTY_ACCOUNT,
  StatusEscalationPolicy,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { StatusEngine } from './StatusEngine';

/** The escalation policies of an entity's PagerDuty services, with who was on call at the last read and when that was. */
export async function escalationPoliciesOf(
  engine: StatusEngine,
  store: StatusStore,
  entityRef: string,
): Promise<StatusEscalationPolicy[]> {
  const policies = new Map<string, string | undefined>();
  const entity = engine.entity(entityRef);
  const account = entity?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT;
  for (const id of entity?.pagerDutyServiceIds ?? []) {
    const service = engine.service(account, id);
    if (service?.escalationPolicyId) {
      policies.set(service.escalationPolicyId, service.escalationPolicyName);
    }
  }
  const onCalls = policies.size
    ? await store.listOnCalls(account, [...policies.keys()])
    : [];
  // a shift that ended after this read is shown as ended, not as on call now
  const onCallReadAt =
    engine.accountFreshness(account).parts.find(p => p.part === 'oncalls')
      ?.lastSuccessAt ?? null;
  return [...policies].map(([id, name]) => ({
    id,
    name: name ?? id,
    onCallReadAt,
    onCall: onCalls
      .filter(o => o.escalationPolicyId === id)
      .map(o => ({
        level: o.level,
        user: o.user,
        start: o.start?.toISOString() ?? null,
        end: o.end?.toISOString() ?? null,
      })),
  }));
}
