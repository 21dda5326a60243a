import { StatusStore, StoredIncident, StoredService } from '../database';
import { FreshnessRules } from './freshness';
import { PagerDutyFacts, servicesByKey } from './PagerDutyFacts';

/**
 * Incidents are read again from a little before the last read: rows another
 * replica or a slow transaction wrote with an earlier time are not missed.
 */
const INCIDENT_READ_OVERLAP_MS = 2_000;

/** Everything is read in full this often, in case a change was missed (a clock set back, a row written out of order). */
const FULL_READ_EVERY_MS = 10 * 60_000;

const OPEN_STATUSES = new Set(['triggered', 'acknowledged']);

const incidentKey = (i: StoredIncident) => `${i.account}/${i.id}`;

/**
 * Reads the PagerDuty facts the engine rests on, following changes rather
 * than re-reading them: the incidents written since the last read, an
 * account's services only when the store's version of them changed, and the
 * few rows of maintenance and freshness every time. A full read starts it
 * and is repeated every ten minutes.
 *
 * @internal
 */
export class PagerDutyFactsReader {
  private readonly open = new Map<string, StoredIncident>();
  private incidentsReadAt?: Date;
  private fullReadAt?: number;
  private readonly servicesOf = new Map<string, StoredService[]>();
  private versions = new Map<string, string>();
  private servicesIndex: ReadonlyMap<string, StoredService> = new Map();

  constructor(
    private readonly store: StatusStore,
    private readonly accounts: string[],
    private readonly rules: () => FreshnessRules,
  ) {}

  /** The facts as the store holds them now. */
  async read(): Promise<PagerDutyFacts> {
    const { store, accounts } = this;
    const readAt = new Date();
    const full =
      !this.incidentsReadAt ||
      this.fullReadAt === undefined ||
      readAt.getTime() - this.fullReadAt >= FULL_READ_EVERY_MS;
    const [incidents, versions, sources, maintenance] = await Promise.all([
      full
        ? store.listOpenIncidents()
        : store.listIncidentsStoredSince(
            new Date(
              this.incidentsReadAt!.getTime() - INCIDENT_READ_OVERLAP_MS,
            ),
          ),
      store.servicesVersions(),
      store.listSources(),
      Promise.all(accounts.map(a => store.getMaintenanceWindows(a))),
    ]);
    if (full) this.open.clear();
    for (const incident of incidents) {
      if (OPEN_STATUSES.has(incident.status))
        this.open.set(incidentKey(incident), incident);
      else this.open.delete(incidentKey(incident));
    }
    // the versions are read before the services: a write in between is read
    // again at the next refresh, never missed
    const stale = accounts.filter(
      a =>
        full ||
        !this.servicesOf.has(a) ||
        versions.get(a) !== this.versions.get(a),
    );
    if (stale.length) {
      await Promise.all(
        stale.map(async a =>
          this.servicesOf.set(a, await store.listServices(a)),
        ),
      );
      this.servicesIndex = servicesByKey(
        [...this.servicesOf.values()].flat(),
        new Set(accounts),
      );
    }
    this.versions = versions;
    this.incidentsReadAt = readAt;
    if (full) this.fullReadAt = readAt.getTime();
    return new PagerDutyFacts(
      accounts,
      {
        // newest first, and the same order however they were read
        // (incidents opened in the same millisecond by their number)
        incidents: [...this.open.values()].sort(
          (a, b) =>
            b.createdAt.getTime() - a.createdAt.getTime() ||
            b.number - a.number ||
            incidentKey(a).localeCompare(incidentKey(b)),
        ),
        services: this.servicesIndex,
        sources,
        maintenance,
      },
      this.rules,
    );
  }
}
