import {
  ALERT_ENTITY_NAME_LABELS,
  AZURE_RESOURCE_ID_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  EntityNameIndex,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  NormalisedAlert,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { AlertMapper, AlertMatch } from './AlertMapper';

const MAX_CANDIDATES = 3;

/** Prometheus labels that best tell one alert's subject from another, most telling first. */
const SELECTOR_LABELS = ['job', 'service', 'app', 'namespace', 'instance'];

/**
 * For alerts that match no entity: the entities they most likely belong to,
 * and the one annotation line that would tie the alert to its entity.
 *
 * When a name fits several entities, those are the candidates. Otherwise
 * the entities named most like the alert's names are, by the catalog's
 * {@link EntityNameIndex} (the same rule that suggests entities for
 * PagerDuty services no entity names).
 */
export class MappingSuggestions {
  /** The catalog's entities by the words of their names. */
  readonly names: EntityNameIndex;

  constructor(private readonly mapper: AlertMapper) {
    this.names = new EntityNameIndex(mapper.entities);
  }

  /** The candidate entities for an alert's match, and the annotation line that would map the alert. */
  suggest(
    alert: NormalisedAlert,
    match: AlertMatch,
  ): { candidates: string[]; suggestion?: string } {
    return {
      candidates: match.ambiguous?.length
        ? match.ambiguous
        : this.closest(alert),
      suggestion: annotationLine(alert),
    };
  }

  private closest(alert: NormalisedAlert): string[] {
    const values = [
      ...ALERT_ENTITY_NAME_LABELS.map(key => alert.labels[key]),
      ...this.mapper.namesOf(alert).map(n => n.value),
    ].filter((v): v is string => Boolean(v));
    return this.names
      .closest(values, { max: MAX_CANDIDATES })
      .map(match => match.ref);
  }
}

/** The annotation that would tie this alert to an entity, as a line of `catalog-info.yaml`. */
function annotationLine(alert: NormalisedAlert): string | undefined {
  const t = alert.targets ?? {};
  switch (alert.source) {
    case 'alertmanager':
    case 'grafana': {
      const key = SELECTOR_LABELS.find(k => alert.labels[k]);
      return key
        ? `${PROMETHEUS_ALERT_SELECTOR_ANNOTATION}: ${key}=${alert.labels[key]}`
        : undefined;
    }
    case 'datadog': {
      const tag = Object.entries(alert.labels).find(
        ([k, v]) => v && k !== 'priority' && k !== 'transition',
      );
      return tag
        ? `${DATADOG_TAGS_ANNOTATION}: ${tag[0]}:${tag[1]}`
        : undefined;
    }
    case 'newrelic':
      return t.newRelicEntityGuids?.[0]
        ? `${NEW_RELIC_ENTITY_GUID_ANNOTATION}: ${t.newRelicEntityGuids[0]}`
        : undefined;
    case 'azure':
      return t.azureResourceIds?.[0]
        ? `${AZURE_RESOURCE_ID_ANNOTATION}: ${t.azureResourceIds[0]}`
        : undefined;
    case 'statuscake':
      return t.statusCakeTestName
        ? `${STATUSCAKE_TEST_NAME_ANNOTATION}: ${t.statusCakeTestName}`
        : undefined;
    default:
      // Events API v2: the integration key is a secret, so name the entity instead
      return alert.source === 'generic'
        ? 'payload.component: <the entity’s name>'
        : undefined;
  }
}
