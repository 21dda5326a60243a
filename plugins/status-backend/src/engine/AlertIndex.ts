import { NormalisedAlert, StatusAlert } from '@internal/plugin-status-common';
import { AlertMapper } from '../alerts/AlertMapper';
import { StoredAlert, StoredIncident } from '../database';
import { addTo } from './addTo';
import { EntitySummary } from './catalogSnapshot';

/**
 * The alerts of the last refresh, tied to entities: firing ones per entity,
 * those that match none, PagerDuty's own per incident, and the entities some
 * tool watches (it sent alerts for them lately).
 */
export class AlertIndex {
  private mapper = new AlertMapper([]);
  private byEntity = new Map<string, StoredAlert[]>();
  private watched = new Set<string>();
  private unmatchedAlerts: StoredAlert[] = [];
  private byIncident = new Map<string, StoredAlert[]>();

  constructor(private readonly sourceTitles?: Map<string, string>) {}

  /** Follows a new catalog snapshot. */
  setEntities(
    entities: Iterable<EntitySummary>,
    entitiesOfService: (account: string, serviceId: string) => string[],
  ) {
    this.mapper = new AlertMapper(entities, entitiesOfService);
  }

  /** Re-indexes the alerts read from the store. */
  index(alerts: StoredAlert[]) {
    this.byEntity = new Map();
    this.unmatchedAlerts = [];
    this.byIncident = new Map();
    this.watched = new Set();
    for (const alert of alerts) {
      if (alert.state !== 'firing') {
        if (alert.source !== 'pagerduty')
          for (const ref of this.mapper.map(alert).entityRefs)
            this.watched.add(ref);
        continue;
      }
      const pagerDuty = alert.targets?.pagerDuty;
      // PagerDuty's own alerts go with their incident, which already counts
      if (alert.source === 'pagerduty' && pagerDuty) {
        addTo(
          this.byIncident,
          `${pagerDuty.account}/${pagerDuty.incidentId}`,
          alert,
        );
        continue;
      }
      const { entityRefs } = this.mapper.map(alert);
      if (entityRefs.length === 0) this.unmatchedAlerts.push(alert);
      for (const ref of entityRefs) {
        addTo(this.byEntity, ref, alert);
        this.watched.add(ref);
      }
    }
  }

  /** Firing alerts tied to an entity, as stored. */
  firingOf(ref: string): StoredAlert[] {
    return this.byEntity.get(ref) ?? [];
  }

  /** Whether a tool sent alerts for the entity lately: it is monitored. */
  isWatched(ref: string): boolean {
    return this.watched.has(ref);
  }

  /** Firing alerts tied to an entity, as the API shows them. */
  of(ref: string): StatusAlert[] {
    return this.firingOf(ref).map(a => this.view(a));
  }

  /** Firing alerts that match no entity. */
  unmatched(): StatusAlert[] {
    return this.unmatchedAlerts.map(a => this.view(a));
  }

  /** PagerDuty's own alerts under an incident. */
  ofIncident(incident: StoredIncident): StatusAlert[] {
    return (
      this.byIncident.get(`${incident.account}/${incident.id}`) ?? []
    ).map(a => this.view(a));
  }

  /** The entities an alert maps to, and by which rule. */
  match(alert: NormalisedAlert) {
    return this.mapper.map(alert);
  }

  /** An alert as the API shows it: its tool's name and the entities it maps to. */
  view(alert: StoredAlert): StatusAlert {
    const { receivedAt, ...rest } = alert;
    return {
      ...rest,
      sourceTitle:
        this.sourceTitles?.get(alert.source) ??
        (alert.source === 'pagerduty' ? 'PagerDuty' : alert.source),
      entityRefs: this.mapper.map(alert).entityRefs,
      receivedAt: receivedAt.toISOString(),
    };
  }
}
