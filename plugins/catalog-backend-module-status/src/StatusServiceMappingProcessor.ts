import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_PAGERDUTY_ACCOUNT,
  PAGERDUTY_ACCOUNT_ANNOTATION,
  PAGERDUTY_MAPPING_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  PORTAL_MAPPING_SOURCE,
} from '@status-layer/plugin-status-common';
import { AppliedMapping } from './StatusServiceMappings';

/**
 * Adds the PagerDuty service mapped to an entity in the portal as the
 * entity's `pagerduty.com/service-id` (and `pagerduty.com/account` for an
 * account other than the default), marked by
 * `status-layer.io/pagerduty-mapping: portal`.
 *
 * @remarks
 * An entity whose own YAML names a service is left as it is: the YAML always
 * wins. As the annotations are added while the entity is processed, a
 * mapping that is removed is gone at the entity's next processing.
 *
 * @public
 */
export class StatusServiceMappingProcessor implements CatalogProcessor {
  constructor(
    private readonly mappings: {
      of(entityRef: string): Promise<AppliedMapping | undefined>;
    },
  ) {}

  /** The processor's name in the catalog's logs. */
  getProcessorName(): string {
    return 'StatusServiceMappingProcessor';
  }

  /** The entity with its mapped service, or as it is. */
  async preProcessEntity(entity: Entity): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    if (annotations[PAGERDUTY_SERVICE_ID_ANNOTATION]) return entity;
    const mapping = await this.mappings.of(stringifyEntityRef(entity));
    if (!mapping) return entity;
    const added: Record<string, string> = {
      [PAGERDUTY_SERVICE_ID_ANNOTATION]: mapping.serviceId,
      [PAGERDUTY_MAPPING_ANNOTATION]: PORTAL_MAPPING_SOURCE,
    };
    // the mapping names its account, whatever the YAML says of another
    if (
      mapping.account !== DEFAULT_PAGERDUTY_ACCOUNT ||
      annotations[PAGERDUTY_ACCOUNT_ANNOTATION]
    ) {
      added[PAGERDUTY_ACCOUNT_ANNOTATION] = mapping.account;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...annotations, ...added },
      },
    };
  }
}
