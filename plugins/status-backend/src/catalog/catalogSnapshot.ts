import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertAnnotationCheck,
  CatalogPlacement,
  NOTIFICATIONS_ANNOTATION,
  PAGERDUTY_MAPPING_ANNOTATION,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PORTAL_MAPPING_SOURCE,
  readEntityStatusConfiguration,
  SLACK_CHANNEL_ANNOTATION,
  StatusConfigurationProblem,
} from '@status-layer/plugin-status-common';

/** What the status engine keeps of a catalog entity. */
export type EntitySummary = CatalogPlacement & {
  ref: string;
  /** `spec.lifecycle`, e.g. `production`. */
  lifecycle?: string;
  /** `spec.type`, e.g. `service` or `website`. */
  type?: string;
  pagerDutyServiceIds: string[];
  /** The PagerDuty account of those services. */
  pagerDutyAccount: string;
  /** Those services were mapped in the portal, not written in its `catalog-info.yaml`. */
  mappedInPortal?: boolean;
  /** Its Events API v2 integration key, which generic alerts may carry as routing key. */
  integrationKey?: string;
  /** The monitoring tools' annotations it carries, which tie their alerts to it. */
  alertAnnotations: string[];
  /** Its annotations, which each alert source's matcher reads its own from. */
  annotations?: Record<string, string>;
  problems: StatusConfigurationProblem[];
  /** Users: the groups they are members of. */
  memberOf?: string[];
  /** Its owner role opted out of notifications ({@link NOTIFICATIONS_ANNOTATION}). */
  notificationsDisabled?: boolean;
  /** Groups and users: how to reach them. */
  contact?: { displayName?: string; email?: string; slackChannel?: string };
};

// Only the fields the engine needs, so a large catalog stays cheap to read.
export const CATALOG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  // changes whenever anything of the entity does: reads compare it
  'metadata.etag',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.lifecycle',
  'spec.type',
  'spec.profile',
  'relations',
];

const refOrUndefined = (
  value: unknown,
  defaultKind: string,
  namespace: string,
) => {
  if (typeof value !== 'string' || !value) return undefined;
  const withKind = value.includes(':') ? value : `${defaultKind}:${value}`;
  return withKind.includes('/')
    ? withKind
    : withKind.replace(':', `:${namespace}/`);
};

/** What the engine keeps of an entity, its annotations checked against the alert sources' matchers. */
export function summariseEntity(
  entity: Entity,
  alertAnnotations: readonly AlertAnnotationCheck[] = [],
): EntitySummary {
  const configuration = readEntityStatusConfiguration(entity, {
    alertAnnotations,
  });
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const summary: EntitySummary = {
    ref: stringifyEntityRef(entity),
    kind: entity.kind,
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner: refOrUndefined(spec.owner, 'group', namespace),
    system: refOrUndefined(spec.system, 'system', namespace),
    domain: refOrUndefined(spec.domain, 'domain', namespace),
    lifecycle:
      typeof spec.lifecycle === 'string' && spec.lifecycle
        ? spec.lifecycle
        : undefined,
    type: typeof spec.type === 'string' && spec.type ? spec.type : undefined,
    pagerDutyServiceIds: configuration.pagerDutyServiceIds,
    pagerDutyAccount: configuration.pagerDutyAccount,
    integrationKey:
      entity.metadata.annotations?.[
        PAGERDUTY_INTEGRATION_KEY_ANNOTATION
      ]?.trim() || undefined,
    alertAnnotations: configuration.alertAnnotations,
    annotations: entity.metadata.annotations,
    problems: configuration.problems,
  };
  // the catalog module marks the services it added from a portal mapping
  if (
    entity.metadata.annotations?.[PAGERDUTY_MAPPING_ANNOTATION] ===
    PORTAL_MAPPING_SOURCE
  )
    summary.mappedInPortal = true;
  if (
    entity.metadata.annotations?.[NOTIFICATIONS_ANNOTATION]?.trim() ===
    'disabled'
  )
    summary.notificationsDisabled = true;
  if (entity.kind === 'User') {
    summary.memberOf = (entity.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
  }
  if (entity.kind === 'Group' || entity.kind === 'User') {
    summary.contact = {
      displayName: spec.profile?.displayName,
      email: spec.profile?.email,
      slackChannel: entity.metadata.annotations?.[SLACK_CHANNEL_ANNOTATION],
    };
  }
  return summary;
}

/** An entity as a catalog listing names it: its ref, and the `metadata.etag` that tells when it changed. */
export type ListedEntity = { ref: string; etag?: string };

// what a listing reads: enough to tell which entities changed since the last read
const LISTING_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.etag',
];

/** Entities read by ref per request, so that one request stays small whatever changed. */
const REFS_PER_READ = 1000;

/** Lists the whole catalog with the plugin's own credentials: refs and etags only. */
export async function listCatalog(
  catalog: CatalogService,
  auth: AuthService,
): Promise<ListedEntity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const { items } = await catalog.getEntities(
    { fields: LISTING_FIELDS },
    { credentials },
  );
  return items.map(entity => ({
    ref: stringifyEntityRef(entity),
    etag: entity.metadata.etag,
  }));
}

/**
 * Reads the catalog with the plugin's own credentials, only the needed
 * fields: the entities `refs` names (those gone since they were listed are
 * left out), or the whole catalog without it.
 */
export async function readCatalog(
  catalog: CatalogService,
  auth: AuthService,
  refs?: string[],
): Promise<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  if (!refs) {
    const { items } = await catalog.getEntities(
      { fields: CATALOG_FIELDS },
      { credentials },
    );
    return items;
  }
  const entities: Entity[] = [];
  for (let at = 0; at < refs.length; at += REFS_PER_READ) {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs.slice(at, at + REFS_PER_READ),
        fields: CATALOG_FIELDS,
      },
      { credentials },
    );
    for (const entity of items) if (entity) entities.push(entity);
  }
  return entities;
}
