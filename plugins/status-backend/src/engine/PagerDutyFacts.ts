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

/** Services by key, those of the configured accounts only. */
export function servicesByKey(
  services: StoredService[],
  accounts: ReadonlySet<string>,
): Map<string, StoredService> {
  return new Map(
    services
      .filter(s => accounts.has(s.account))
      .map(s => [serviceKey(s.account, s.id), s]),
  );
}

/** What an entity's own level takes from a service's open incidents. */
const incidentsSignature = (incidents: StoredIncident[] | undefined) =>
  JSON.stringify(
    (incidents ?? [])
      .map(i => [i.id, i.status, i.urgency, i.priority, i.title])
      .sort(),
  );

/** Adds the keys in one of two collections and not the other. */
function addDifference(
  into: Set<string>,
  a: { has(key: string): boolean; keys(): IterableIterator<string> },
  b: { has(key: string): boolean; keys(): IterableIterator<string> },
) {
  for (const key of a.keys()) if (!b.has(key)) into.add(key);
  for (const key of b.keys()) if (!a.has(key)) into.add(key);
}

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
  /** Every configured account's services by key; shared between reads that did not re-read them. */
  readonly services: ReadonlyMap<string, StoredService>;
  /** The sources (account parts) read successfully at least once. */
  private readonly everRead: Set<string>;
  /** Whether each account's incidents were stale when read; computed once. */
  private staleIncidents?: Map<string, boolean>;

  constructor(
    readonly accounts: string[],
    facts: {
      incidents: StoredIncident[];
      /** A list, or a map by key already filtered to the configured accounts. */
      services: StoredService[] | ReadonlyMap<string, StoredService>;
      sources: SourceFreshness[];
      maintenance: StoredMaintenanceWindow[][];
    },
    private readonly rules: () => FreshnessRules,
  ) {
    const configured = new Set(accounts);
    this.openIncidents = facts.incidents.filter(i => configured.has(i.account));
    this.services = Array.isArray(facts.services)
      ? servicesByKey(facts.services, configured)
      : (facts.services as ReadonlyMap<string, StoredService>);
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

  /**
   * The service keys whose facts differ from `previous`'s (their open
   * incidents, whether PagerDuty has them, maintenance), or undefined when
   * something every entity of an account rests on changed: its incidents'
   * freshness, or its services read for the first time.
   */
  changedServiceKeys(previous: PagerDutyFacts): Set<string> | undefined {
    for (const account of this.accounts) {
      if (
        this.incidentsStale(account) !== previous.incidentsStale(account) ||
        this.hasRead(account, 'services') !==
          previous.hasRead(account, 'services')
      )
        return undefined;
    }
    const changed = new Set<string>();
    if (this.services !== previous.services)
      addDifference(changed, this.services, previous.services);
    addDifference(changed, this.inMaintenance, previous.inMaintenance);
    for (const key of new Set([
      ...this.incidentsByService.keys(),
      ...previous.incidentsByService.keys(),
    ])) {
      if (
        incidentsSignature(this.incidentsByService.get(key)) !==
        incidentsSignature(previous.incidentsByService.get(key))
      )
        changed.add(key);
    }
    return changed;
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
          code: 'unknownAccount',
          params: {
            account,
            configured: this.accounts.join(', '),
          },
        },
      ];
    }
    return unknown.serviceIds.map(id => ({
      annotation: PAGERDUTY_SERVICE_ID_ANNOTATION,
      message: `PagerDuty has no service ${id} (account ${account}). Check the ID in the service's URL in PagerDuty, or remove it from the annotation.`,
      code: 'unknownService' as const,
      params: { id, account },
    }));
  }
}
