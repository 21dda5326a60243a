import {
  ALERT_ENTITY_NAME_LABELS,
  EntityNameIndex,
  NormalisedAlert,
} from '@status-layer/plugin-status-common';
import { AlertMapper, AlertMatch } from './AlertMapper';

const MAX_CANDIDATES = 3;

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
  private nameIndex?: EntityNameIndex;

  constructor(private readonly mapper: AlertMapper) {}

  /**
   * The catalog's entities by the words of their names: built when first
   * asked for after a catalog change, since its words' rarity depends on
   * every name, and only pages of unmatched alerts and unmapped services
   * ask for it.
   */
  get names(): EntityNameIndex {
    this.nameIndex ??= new EntityNameIndex(this.mapper.entities());
    return this.nameIndex;
  }

  /** The mapper's entities changed: the name index is built again when next asked for. */
  entitiesChanged() {
    this.nameIndex = undefined;
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
      suggestion: this.annotationLine(alert),
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

  /** The annotation that would tie this alert to an entity, as a line of `catalog-info.yaml`: its source's matcher says. */
  private annotationLine(alert: NormalisedAlert): string | undefined {
    const matcher = this.mapper.matcherOf(alert.source);
    if (!matcher) return undefined;
    if (matcher.suggest) return matcher.suggest(alert);
    const key = matcher.by === 'keys' ? alert.targets?.keys?.[0] : undefined;
    return key ? `${matcher.annotation}: ${key}` : undefined;
  }
}
