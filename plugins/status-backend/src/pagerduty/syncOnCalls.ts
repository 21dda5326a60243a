import { StoredMaintenanceWindow, StoredService } from '../database';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/** Escalation policies per `/oncalls` request. */
const ONCALL_BATCH = 25;

/**
 * Who is on call for the escalation policies of the services, 25 policies
 * per request; returns how many on-call rows were stored.
 */
export async function syncOnCalls(
  context: SyncContext,
  services: StoredService[],
): Promise<number> {
  const { account, client, store, request } = context;
  const policyIds = [
    ...new Set(
      services
        .map(s => s.escalationPolicyId)
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  let onCalls = 0;
  for (let i = 0; i < policyIds.length; i += ONCALL_BATCH) {
    const batch = policyIds.slice(i, i + ONCALL_BATCH);
    const rows = await client.list<any>(
      '/oncalls',
      {
        'escalation_policy_ids[]': batch,
        earliest: 'true',
        'include[]': ['users'],
      },
      'oncalls',
      {
        ...request,
        // on-call rows have no id of their own
        keyOf: o =>
          `${o.escalation_policy?.id}/${o.escalation_level}/${o.user?.id}`,
      },
    );
    const stored = rows
      .filter(
        o =>
          isPagerDutyId(o.escalation_policy?.id) && isPagerDutyId(o.user?.id),
      )
      .map(o => ({
        account,
        escalationPolicyId: o.escalation_policy.id,
        level: Number(o.escalation_level),
        user: {
          id: o.user.id,
          name: o.user.name ?? o.user.summary ?? o.user.id,
          email: o.user.email,
        },
        start: o.start ? new Date(o.start) : undefined,
        end: o.end ? new Date(o.end) : undefined,
      }));
    await store.replaceOnCalls(account, batch, stored);
    onCalls += stored.length;
  }
  return onCalls;
}

/** The ongoing and upcoming maintenance windows, in one read: the page shows what is planned. */
export async function syncMaintenance(
  context: SyncContext,
): Promise<StoredMaintenanceWindow[]> {
  const { account, client, store, request } = context;
  const windows = await client.list<any>(
    '/maintenance_windows',
    { filter: 'open' },
    'maintenance_windows',
    request,
  );
  const planned = windows.map(
    (w): StoredMaintenanceWindow => ({
      id: w.id,
      serviceIds: (w.services ?? []).map((s: { id: string }) => s.id),
      startTime: w.start_time,
      endTime: w.end_time,
      description: w.description,
      createdBy: w.created_by?.summary,
    }),
  );
  await store.setMaintenanceWindows(account, planned);
  return planned;
}
