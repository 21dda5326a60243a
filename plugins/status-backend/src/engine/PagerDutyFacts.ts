import {
  PAGERDUTY_ACCOUNT_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  PagerDutyDataPart,
  pagerDutySourceName,
  StatusAccountFreshness,
  StatusConfigurationProblem,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import {
  SourceFreshness,
  StatusStore,
  StoredIncident,
  StoredMaintenanceWindow,
  StoredService,
  hasEndedWindow,
  isOngoingWindow,
} from '../database';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { addTo } from '../lib/addTo';
import { accountFreshness, FreshnessRules, partFreshness } from './freshness';

/** A PagerDuty service's key: IDs are unique only within an account. */
export const serviceKey = (account: string, id: string) => `${account}/${id}`;

/**
 * What the store last held from PagerDuty, for the configured accounts: open
 * incidents, services, maintenance windows and each part's freshness, read
 * in one go and indexed the way the health model asks for them.
 */
export class PagerDutyFacts {
  readonly openIncidents: StoredIncident[];
  readonly incidentsByService = new Map<string, StoredIncident[]>();
  /** Keys of the services under maintenance now. */
  /** Service keys under a maintenance window now. */
  readonly inMaintenance: Set<string>;
  /** The ongoing and upcoming maintenance windows of each service key. */
  private readonly maintenanceByService = new Map<
    string,
    StoredMaintenanceWindow[]
  >();
  readonly sources: SourceFreshness[];
  private readonly services: Map<string, StoredService>;
  /** The sources (account parts) read successfully at least once. */
  private readonly everRead: Set<string>;
  /** Whether each account's incidents were stale when read; computed once. */
  private staleIncidents?: Map<string, boolean>;

  constructor(
    readonly accounts: string[],
    facts: {
      incidents: StoredIncident[];
      services: StoredService[];
      sources: SourceFreshness[];
      maintenance: StoredMaintenanceWindow[][];
    },
    private readonly rules: () => FreshnessRules,
  ) {
    const configured = new Set(accounts);
    this.openIncidents = facts.incidents.filter(i => configured.has(i.account));
    this.services = new Map(
      facts.services
        .filter(s => configured.has(s.account))
        .map(s => [serviceKey(s.account, s.id), s]),
    );
    this.sources = facts.sources;
    this.everRead = new Set(
      facts.sources.filter(s => s.lastSuccessAt).map(s => s.source),
    );
    // the windows stored are ongoing or upcoming; only the ongoing count now
    const now = rules().now.getTime();
    accounts.forEach((account, index) => {
      for (const window of facts.maintenance[index] ?? [])
        for (const id of window.serviceIds)
          addTo(this.maintenanceByService, serviceKey(account, id), window);
    });
    this.inMaintenance = new Set(
      [...this.maintenanceByService]
        .filter(([, windows]) => windows.some(w => isOngoingWindow(w, now)))
        .map(([key]) => key),
    );
    for (const incident of this.openIncidents)
      addTo(
        this.incidentsByService,
        serviceKey(incident.account, incident.serviceId),
        incident,
      );
  }

  /** None yet: before the first read. */
  static empty(accounts: string[], rules: () => FreshnessRules) {
    return new PagerDutyFacts(
      accounts,
      { incidents: [], services: [], sources: [], maintenance: [] },
      rules,
    );
  }

  /** Reads the facts of these accounts from the store. */
  static async read(
    store: StatusStore,
    accounts: string[],
    rules: () => FreshnessRules,
  ): Promise<PagerDutyFacts> {
    const [incidents, services, sources, maintenance] = await Promise.all([
      store.listOpenIncidents(),
      store.listServices(),
      store.listSources(),
      Promise.all(accounts.map(a => store.getMaintenanceWindows(a))),
    ]);
    return new PagerDutyFacts(
      accounts,
      { incidents, services, sources, maintenance },
      rules,
    );
  }

  /**
   * Everything PagerDuty-side that levels rest on: when it is unchanged
   * between two reads, only entities whose alerts changed need a new look.
   */
  signature(): string {
    return JSON.stringify([
      this.openIncidents.map(i => [
        i.account,
        i.id,
        i.serviceId,
        i.status,
        i.urgency,
        i.priority,
        i.title,
      ]),
      [...this.services.keys()],
      [...this.inMaintenance],
      this.accounts.map(a => [a, this.incidentsStale(a)]),
      this.accounts.map(a => [a, this.hasRead(a, 'services')]),
    ]);
  }

  /**
   * Whether an account's incidents are stale, as of this read: what an
   * entity's level rests on during one refresh (asked once per entity).
   */
  incidentsStale(account: string): boolean {
    this.staleIncidents ??= new Map(
      this.accounts.map(a => [a, this.partFreshness(a, 'incidents').stale]),
    );
    return this.staleIncidents.get(account) ?? false;
  }

  /** A service as last synchronised. */
  service(account: string, id: string): StoredService | undefined {
    return this.services.get(serviceKey(account, id));
  }

  /**
   * The keys of an entity's services that count for its level: before the
   * services are read, every annotated one; afterwards, those PagerDuty has,
   * and any a webhook brought an incident for.
   */
  serviceKeysOf(entity: EntitySummary): string[] {
    const account = entity.pagerDutyAccount;
    if (!this.accounts.includes(account)) return [];
    const read = this.hasRead(account, 'services');
    return entity.pagerDutyServiceIds
      .map(id => serviceKey(account, id))
      .filter(
        key =>
          !read || this.services.has(key) || this.incidentsByService.has(key),
      );
  }

  /** The maintenance windows of an entity's services not over at `at`, soonest first. */
  maintenanceOf(entity: EntitySummary, at: number): StoredMaintenanceWindow[] {
    const windows = new Map<string, StoredMaintenanceWindow>();
    for (const id of entity.pagerDutyServiceIds)
      for (const w of this.maintenanceByService.get(
        serviceKey(entity.pagerDutyAccount, id),
      ) ?? [])
        if (!hasEndedWindow(w, at)) windows.set(w.id, w);
    return [...windows.values()].sort((a, b) =>
      a.startTime.localeCompare(b.startTime),
    );
  }

  /** Every maintenance window not over at `at`, once each, soonest first. */
  allMaintenance(
    at: number,
  ): { account: string; window: StoredMaintenanceWindow }[] {
    const windows = new Map<
      string,
      { account: string; window: StoredMaintenanceWindow }
    >();
    for (const [key, list] of this.maintenanceByService) {
      const account = key.slice(0, key.lastIndexOf('/'));
      for (const window of list)
        if (!hasEndedWindow(window, at))
          windows.set(`${account}/${window.id}`, { account, window });
    }
    return [...windows.values()].sort((a, b) =>
      a.window.startTime.localeCompare(b.window.startTime),
    );
  }

  /** The open incidents of an entity's services. */
  incidentsOf(entity: EntitySummary): StoredIncident[] {
    const ids = new Set(entity.pagerDutyServiceIds);
    return this.openIncidents.filter(
      i => i.account === entity.pagerDutyAccount && ids.has(i.serviceId),
    );
  }

  /** How fresh one part of an account's data is, as the poll left it. */
  partFreshness(account: string, part: PagerDutyDataPart): StatusPartFreshness {
    return partFreshness(this.sources, account, part, this.rules());
  }

  /** How fresh one account's data is, per part and per channel. */
  accountFreshness(account: string): StatusAccountFreshness {
    return accountFreshness(this.sources, account, this.rules());
  }

  /** Whether a part of an account's data was ever read successfully. */
  hasRead(account: string, part: PagerDutyDataPart): boolean {
    return this.everRead.has(pagerDutySourceName(account, part));
  }

  /**
   * The services an entity's annotations name that cannot be read: every
   * one when its account is not configured, else those PagerDuty does not
   * have (known only once the account's services were read).
   */
  unknownServicesOf(entity?: EntitySummary): {
    reason: 'unknown_account' | 'unknown_service';
    serviceIds: string[];
  } {
    if (!entity || entity.pagerDutyServiceIds.length === 0)
      return { reason: 'unknown_service', serviceIds: [] };
    const account = entity.pagerDutyAccount;
    if (!this.accounts.includes(account))
      return {
        reason: 'unknown_account',
        serviceIds: entity.pagerDutyServiceIds,
      };
    if (!this.hasRead(account, 'services'))
      return { reason: 'unknown_service', serviceIds: [] };
    return {
      reason: 'unknown_service',
      serviceIds: entity.pagerDutyServiceIds.filter(id => {
        const key = serviceKey(account, id);
        return !this.services.has(key) && !this.incidentsByService.has(key);
      }),
    };
  }

  /** An annotation naming an account that is not configured, or a service PagerDuty lacks. */
  problemsOf(entity?: EntitySummary): StatusConfigurationProblem[] {
    const unknown = this.unknownServicesOf(entity);
    if (!entity || unknown.serviceIds.length === 0) return [];
    const account = entity.pagerDutyAccount;
    if (unknown.reason === 'unknown_account') {
      return [
        {
          annotation: PAGERDUTY_ACCOUNT_ANNOTATION,
          message: `No PagerDuty account "${account}" is configured (configured: ${
            this.accounts.join(', ') || 'none'
          }). Fix the annotation, or add the account under status.pagerDuty.accounts in app-config.`,
        },
      ];
    }
    return unknown.serviceIds.map(id => ({
      annotation: PAGERDUTY_SERVICE_ID_ANNOTATION,
      message: `PagerDuty has no service ${id} (account ${account}). Check the ID in the service's URL in PagerDuty, or remove it from the annotation.`,
    }));
  }
}
