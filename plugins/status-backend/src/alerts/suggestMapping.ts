import {
  ALERT_ENTITY_NAME_LABELS,
  AZURE_RESOURCE_ID_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  NormalisedAlert,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { addTo } from '../lib/addTo';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { AlertMapper, AlertMatch } from './AlertMapper';

const MAX_CANDIDATES = 3;

/** Words of a name: `points-api`, `Points API` and `points_api` share `points` and `api`. */
const wordsOf = (value: string) =>
  value
    .toLocaleLowerCase('en-US')
    .split(/[^a-z0-9]+/)
    .filter(word => word.length >= 2);

/** Prometheus labels that best tell one alert's subject from another, most telling first. */
const SELECTOR_LABELS = ['job', 'service', 'app', 'namespace', 'instance'];

/**
 * For alerts that match no entity: the entities they most likely belong to
 * (those that fit an ambiguous name, else those whose name shares the most
 * words with what the alert says), and the one annotation line that would
 * tie the alert to its entity.
 */
export class MappingSuggestions {
  private readonly byWord = new Map<string, EntitySummary[]>();

  constructor(private readonly mapper: AlertMapper) {
    for (const entity of mapper.entities) {
      const words = new Set([
        ...wordsOf(entity.name),
        ...wordsOf(entity.title ?? ''),
      ]);
      for (const word of words) addTo(this.byWord, word, entity);
    }
  }

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
    const scores = new Map<string, number>();
    for (const value of values) {
      const words = wordsOf(value);
      for (const word of new Set(words)) {
        for (const entity of this.byWord.get(word) ?? []) {
          // the share of the entity's words the alert names
          const share = 1 / Math.max(1, wordsOf(entity.name).length);
          scores.set(entity.ref, (scores.get(entity.ref) ?? 0) + share);
        }
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_CANDIDATES)
      .map(([ref]) => ref);
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
