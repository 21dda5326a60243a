import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ALERT_ENTITY_NAME_LABELS,
  ALERT_ENTITY_REF_LABEL,
  NormalisedAlert,
} from '@internal/plugin-status-common';
import { addTo } from '../engine/addTo';
import { EntitySummary } from '../engine/catalogSnapshot';

/** Which rule tied an alert to its entities. */
export type AlertMatch = {
  entityRefs: string[];
  by?: 'entity-ref' | 'annotation' | 'pagerduty-service' | 'name';
};

// When a name is shared, the kind that most likely runs the alerting thing wins.
const NAME_KIND_ORDER = ['Component', 'Resource', 'System', 'API'];

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * Ties alerts to catalog entities, first rule that matches wins:
 * 1. a `backstage_entity` label holding an entity ref in the catalog;
 * 2. the entity's own annotations for that tool (Prometheus label selector,
 *    Datadog tags, New Relic GUIDs, Azure resource IDs, StatusCake test
 *    names, the Events API integration key), or for PagerDuty's own alerts
 *    the entity of the incident's service;
 * 3. a `service`, `service_name` or `app` label, or a name the tool gives
 *    (Azure configuration items, New Relic entity names), equal to an
 *    entity's name.
 */
export class AlertMapper {
  private readonly refs = new Set<string>();
  private readonly byName = new Map<string, EntitySummary[]>();
  private readonly byGuid = new Map<string, string[]>();
  private readonly byAzureId = new Map<string, string[]>();
  private readonly byStatusCakeTest = new Map<string, string[]>();
  private readonly byIntegrationKey = new Map<string, string[]>();
  private readonly prometheus: { ref: string; labels: [string, string][] }[] =
    [];
  private readonly datadog: { ref: string; tags: [string, string][] }[] = [];

  constructor(
    entities: Iterable<EntitySummary>,
    private readonly entitiesOfService: (
      account: string,
      serviceId: string,
    ) => string[] = () => [],
  ) {
    for (const e of entities) {
      this.refs.add(e.ref);
      addTo(this.byName, lower(e.name), e);
      const m = e.alertMatchers;
      for (const guid of m.newRelicEntityGuids ?? [])
        addTo(this.byGuid, guid, e.ref);
      for (const id of m.azureResourceIds ?? [])
        addTo(this.byAzureId, id, e.ref);
      for (const test of m.statusCakeTestNames ?? [])
        addTo(this.byStatusCakeTest, test, e.ref);
      if (e.integrationKey)
        addTo(this.byIntegrationKey, e.integrationKey, e.ref);
      if (m.prometheusLabels)
        this.prometheus.push({
          ref: e.ref,
          labels: Object.entries(m.prometheusLabels),
        });
      if (m.datadogTags)
        this.datadog.push({
          ref: e.ref,
          tags: m.datadogTags.map(tag => {
            const at = tag.indexOf(':');
            return at > 0
              ? [tag.slice(0, at).trim(), tag.slice(at + 1).trim()]
              : [tag.trim(), ''];
          }),
        });
    }
  }

  map(alert: NormalisedAlert): AlertMatch {
    const named = alert.labels[ALERT_ENTITY_REF_LABEL];
    if (named) {
      const ref = this.parseRef(named);
      if (ref && this.refs.has(ref))
        return { entityRefs: [ref], by: 'entity-ref' };
    }
    const byAnnotation = this.byAnnotation(alert);
    if (byAnnotation.length)
      return {
        entityRefs: byAnnotation,
        by: alert.source === 'pagerduty' ? 'pagerduty-service' : 'annotation',
      };
    const names = [
      ...ALERT_ENTITY_NAME_LABELS.map(label => alert.labels[label]),
      ...(alert.targets?.entityNames ?? []),
    ].filter((n): n is string => Boolean(n));
    for (const name of names) {
      const refs = this.byEntityName(name);
      if (refs.length) return { entityRefs: refs, by: 'name' };
    }
    return { entityRefs: [] };
  }

  private byAnnotation(alert: NormalisedAlert): string[] {
    const t = alert.targets ?? {};
    const found = new Set<string>();
    const add = (refs?: string[]) => refs?.forEach(r => found.add(r));
    switch (alert.source) {
      case 'alertmanager':
      case 'grafana':
        for (const p of this.prometheus)
          if (p.labels.every(([k, v]) => alert.labels[k] === v))
            found.add(p.ref);
        break;
      case 'datadog':
        for (const d of this.datadog)
          if (d.tags.every(([k, v]) => alert.labels[k] === v)) found.add(d.ref);
        break;
      case 'newrelic':
        for (const guid of t.newRelicEntityGuids ?? [])
          add(this.byGuid.get(guid));
        break;
      case 'azure':
        for (const id of t.azureResourceIds ?? [])
          add(this.byAzureId.get(lower(id)));
        break;
      case 'statuscake':
        if (t.statusCakeTestName)
          add(this.byStatusCakeTest.get(t.statusCakeTestName));
        break;
      case 'generic':
        if (t.routingKey) add(this.byIntegrationKey.get(t.routingKey));
        break;
      case 'pagerduty':
        if (t.pagerDuty)
          add(
            this.entitiesOfService(t.pagerDuty.account, t.pagerDuty.serviceId),
          );
        break;
      default:
    }
    return [...found].sort();
  }

  private byEntityName(name: string): string[] {
    const candidates = this.byName.get(lower(name.trim())) ?? [];
    for (const kind of NAME_KIND_ORDER) {
      const ofKind = candidates.filter(c => c.kind === kind);
      if (ofKind.length) return ofKind.map(c => c.ref).sort();
    }
    return [];
  }

  private parseRef(value: string): string | undefined {
    try {
      return stringifyEntityRef(
        parseEntityRef(value.trim(), {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      return undefined;
    }
  }
}
