import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ALERT_ENTITY_NAME_LABELS,
  ALERT_ENTITY_REF_LABEL,
  ALERT_ENTITY_REF_TAG,
  AlertMatchRule,
  AlertNameOrigin,
  AZURE_RESOURCE_ID_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  NormalisedAlert,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { addTo } from '../lib/addTo';
import { EntitySummary } from '../catalog/catalogSnapshot';

/** Which entities an alert belongs to, and by which rule; or, when none, who it might be. */
export type AlertMatch = {
  entityRefs: string[];
  match?: AlertMatchRule;
  /** When a name fits several entities: all of them, the alert staying unmatched. */
  ambiguous?: string[];
};

// When a name is shared, the kind that most likely runs the alerting thing wins.
const NAME_KIND_ORDER = ['Component', 'Resource', 'System', 'API'];

const lower = (value: string) => value.trim().toLocaleLowerCase('en-US');

/** An entity ref as the catalog writes it, or undefined when the text is not one. */
function fullRef(value: string): string | undefined {
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

/**
 * Ties alerts to catalog entities, without set-up where the alert says enough.
 * The first rule that matches wins, and is recorded:
 * 1. the entity's own annotation for the tool (Prometheus label selector,
 *    Datadog tags, New Relic GUIDs, Azure resource IDs, StatusCake test
 *    names, the Events API integration key); for PagerDuty's own alerts, the
 *    entity of the incident's service;
 * 2. an entity ref in the webhook URL (`?entity=`), for tools whose default
 *    payload carries no tags;
 * 3. a full entity ref in a `backstage_entity` label or a `backstage:` tag;
 * 4. a `service`, `service_name`, `app`, `component` or `job` label or
 *    `key:value` tag equal to an entity's name;
 * 5. a name the alert gives its subject (a plain tag, `payload.component`,
 *    `payload.source`, an Azure resource or New Relic entity name, a
 *    StatusCake test) equal to an entity's name or title.
 * A name (rules 4 and 5) must fit exactly one entity of the most likely
 * kind; when several fit, the alert stays unmatched and names them all.
 */
export class AlertMapper {
  private readonly refs = new Set<string>();
  private readonly byName = new Map<string, EntitySummary[]>();
  private readonly byTitle = new Map<string, EntitySummary[]>();
  private readonly byGuid = new Map<string, string[]>();
  private readonly byAzureId = new Map<string, string[]>();
  private readonly byStatusCakeTest = new Map<string, string[]>();
  private readonly byIntegrationKey = new Map<string, string[]>();
  private readonly prometheus: { ref: string; labels: [string, string][] }[] =
    [];
  private readonly datadog: { ref: string; tags: [string, string][] }[] = [];
  /** Every entity, for suggesting candidates. */
  readonly entities: EntitySummary[] = [];

  constructor(
    entities: Iterable<EntitySummary>,
    private readonly entitiesOfService: (
      account: string,
      serviceId: string,
    ) => string[] = () => [],
  ) {
    for (const e of entities) {
      this.entities.push(e);
      this.refs.add(e.ref);
      addTo(this.byName, lower(e.name), e);
      if (e.title) addTo(this.byTitle, lower(e.title), e);
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
    const byAnnotation = this.byAnnotation(alert);
    if (byAnnotation) return byAnnotation;

    const inUrl = alert.targets?.entityRef;
    if (inUrl) {
      const ref = fullRef(inUrl);
      if (ref && this.refs.has(ref))
        return { entityRefs: [ref], match: { rule: 'url', value: ref } };
    }

    for (const key of [ALERT_ENTITY_REF_LABEL, ALERT_ENTITY_REF_TAG]) {
      const value = alert.labels[key];
      const ref = value ? fullRef(value) : undefined;
      if (ref && this.refs.has(ref))
        return {
          entityRefs: [ref],
          match: { rule: 'entity-ref', key, value },
        };
    }

    for (const key of ALERT_ENTITY_NAME_LABELS) {
      const value = alert.labels[key];
      if (!value) continue;
      const found = this.byEntityName(value, false);
      if (found.length === 1)
        return { entityRefs: found, match: { rule: 'label', key, value } };
      if (found.length > 1) return { entityRefs: [], ambiguous: found };
    }

    for (const { value, from } of this.namesOf(alert)) {
      const found = this.byEntityName(value, true);
      if (found.length === 1)
        return { entityRefs: found, match: { rule: 'name', from, value } };
      if (found.length > 1) return { entityRefs: [], ambiguous: found };
    }
    return { entityRefs: [] };
  }

  /** Names the alert gives its subject: its targets, and plain tags (labels without a value). */
  namesOf(alert: NormalisedAlert): { value: string; from: AlertNameOrigin }[] {
    const names = [...(alert.targets?.names ?? [])];
    // alerts stored before names were kept by origin
    for (const value of (alert.targets as { entityNames?: string[] })
      ?.entityNames ?? [])
      names.push({ value, from: 'resource' });
    for (const [key, value] of Object.entries(alert.labels))
      if (value === '') names.push({ value: key, from: 'tag' });
    return names;
  }

  private byAnnotation(alert: NormalisedAlert): AlertMatch | undefined {
    const t = alert.targets ?? {};
    const found = new Set<string>();
    const add = (refs?: string[]) => refs?.forEach(r => found.add(r));
    let annotation = '';
    switch (alert.source) {
      case 'alertmanager':
      case 'grafana':
        annotation = PROMETHEUS_ALERT_SELECTOR_ANNOTATION;
        for (const p of this.prometheus)
          if (p.labels.every(([k, v]) => alert.labels[k] === v))
            found.add(p.ref);
        break;
      case 'datadog':
        annotation = DATADOG_TAGS_ANNOTATION;
        for (const d of this.datadog)
          if (d.tags.every(([k, v]) => alert.labels[k] === v)) found.add(d.ref);
        break;
      case 'newrelic':
        annotation = NEW_RELIC_ENTITY_GUID_ANNOTATION;
        for (const guid of t.newRelicEntityGuids ?? [])
          add(this.byGuid.get(guid));
        break;
      case 'azure':
        annotation = AZURE_RESOURCE_ID_ANNOTATION;
        for (const id of t.azureResourceIds ?? [])
          add(this.byAzureId.get(lower(id)));
        break;
      case 'statuscake':
        annotation = STATUSCAKE_TEST_NAME_ANNOTATION;
        if (t.statusCakeTestName)
          add(this.byStatusCakeTest.get(t.statusCakeTestName));
        break;
      case 'generic':
        annotation = PAGERDUTY_INTEGRATION_KEY_ANNOTATION;
        if (t.routingKey) add(this.byIntegrationKey.get(t.routingKey));
        break;
      case 'pagerduty':
        if (t.pagerDuty)
          add(
            this.entitiesOfService(t.pagerDuty.account, t.pagerDuty.serviceId),
          );
        if (found.size)
          return {
            entityRefs: [...found].sort(),
            match: { rule: 'pagerduty-service' },
          };
        return undefined;
      default:
    }
    if (!found.size) return undefined;
    return {
      entityRefs: [...found].sort(),
      match: { rule: 'annotation', annotation },
    };
  }

  /**
   * The entities a name fits, of the most likely kind: every one of that
   * kind, so that a caller can tell one from several. `byTitle` also reads
   * titles ("Membership API").
   */
  private byEntityName(name: string, byTitle: boolean): string[] {
    const key = lower(name);
    const candidates = [
      ...(this.byName.get(key) ?? []),
      ...(byTitle ? this.byTitle.get(key) ?? [] : []),
    ];
    for (const kind of NAME_KIND_ORDER) {
      const ofKind = [
        ...new Set(candidates.filter(c => c.kind === kind).map(c => c.ref)),
      ];
      if (ofKind.length) return ofKind.sort();
    }
    return [];
  }
}
