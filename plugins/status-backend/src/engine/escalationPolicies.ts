import {
  DEFAULT_PAGERDUTY_ACCOUNT,
  StatusEscalationPolicy,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredOnCall } from '../database';
import { addTo } from '../lib/addTo';
import { StatusEngine } from './StatusEngine';

/** The escalation policies of an entity's PagerDuty services, with who was on call at the last read and when that was. */
export async function escalationPoliciesOf(
  engine: StatusEngine,
  store: StatusStore,
  entityRef: string,
): Promise<StatusEscalationPolicy[]> {
  return (
    (await escalationPoliciesOfMany(engine, store, [entityRef])).get(
      entityRef,
    ) ?? []
  );
}

/**
 * {@link escalationPoliciesOf} for several entities, with one read of the
 * on-calls per PagerDuty account however many there are.
 */
export async function escalationPoliciesOfMany(
  engine: StatusEngine,
  store: StatusStore,
  entityRefs: string[],
): Promise<Map<string, StatusEscalationPolicy[]>> {
  // per entity, its policies (id to name); per account, every policy id
  const policiesOf = new Map<string, Map<string, string | undefined>>();
  const idsByAccount = new Map<string, Set<string>>();
  for (const ref of entityRefs) {
    const entity = engine.entity(ref);
    const account = entity?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT;
    const policies = new Map<string, string | undefined>();
    for (const id of entity?.pagerDutyServiceIds ?? []) {
      const service = engine.service(account, id);
      if (service?.escalationPolicyId) {
        policies.set(service.escalationPolicyId, service.escalationPolicyName);
        const ids = idsByAccount.get(account) ?? new Set<string>();
        ids.add(service.escalationPolicyId);
        idsByAccount.set(account, ids);
      }
    }
    policiesOf.set(ref, policies);
  }
  // per account, its on-calls by policy id
  const onCallsByAccount = new Map<string, Map<string, StoredOnCall[]>>();
  await Promise.all(
    [...idsByAccount].map(async ([account, ids]) => {
      const byPolicy = new Map<string, StoredOnCall[]>();
      for (const onCall of await store.listOnCalls(account, [...ids]))
        addTo(byPolicy, onCall.escalationPolicyId, onCall);
      onCallsByAccount.set(account, byPolicy);
    }),
  );
  const result = new Map<string, StatusEscalationPolicy[]>();
  for (const [ref, policies] of policiesOf) {
    const account =
      engine.entity(ref)?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT;
    const onCalls = onCallsByAccount.get(account);
    // a shift that ended after this read is shown as ended, not as on call now
    const onCallReadAt =
      engine.accountFreshness(account).parts.find(p => p.part === 'oncalls')
        ?.lastSuccessAt ?? null;
    result.set(
      ref,
      [...policies].map(([id, name]) => ({
        id,
        name: name ?? id,
        onCallReadAt,
        onCall: (onCalls?.get(id) ?? []).map(o => ({
          level: o.level,
          user: o.user,
          start: o.start?.toISOString() ?? null,
          end: o.end?.toISOString() ?? null,
        })),
      })),
    );
  }
  return result;
}
