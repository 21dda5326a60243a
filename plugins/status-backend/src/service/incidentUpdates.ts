import { StatusIncidentUpdate } from '@status-layer/plugin-status-common';
import { StatusStore, StoredIncident } from '../database';

/** Updates shown per incident. */
const UPDATES_PER_INCIDENT = 10;

/** Updates of incidents, by `account/incident id`. */
export type UpdatesByIncident = Map<string, StatusIncidentUpdate[]>;

export const incidentKey = (account: string, id: string) => `${account}/${id}`;

/** The latest notes and status updates of some incidents, in one read. */
export async function updatesOf(
  store: StatusStore,
  incidents: StoredIncident[],
): Promise<UpdatesByIncident> {
  const byIncident: UpdatesByIncident = new Map();
  if (!incidents.length) return byIncident;
  const updates = await store.incidentUpdates.listFor(
    incidents.map(i => ({ account: i.account, incidentId: i.id })),
    UPDATES_PER_INCIDENT,
  );
  for (const u of updates) {
    const key = incidentKey(u.account, u.incidentId);
    const list = byIncident.get(key) ?? [];
    list.push({
      id: u.id,
      kind: u.kind,
      at: u.at.toISOString(),
      author: u.author ?? null,
      message: u.message,
    });
    byIncident.set(key, list);
  }
  return byIncident;
}
