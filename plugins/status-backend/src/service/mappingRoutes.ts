import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_PAGERDUTY_ACCOUNT,
  isPagerDutyId,
  PAGERDUTY_MAPPING_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  PORTAL_MAPPING_SOURCE,
  SERVICE_MAPPINGS_CHANGED_TOPIC,
  ServiceMapping,
  ServiceMappingList,
  ServiceMappingResponse,
  statusMappingWritePermission,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { z } from 'zod';
import { ServiceMappingStore, StoredServiceMapping } from '../database';
import { toFullEntityRef } from './visibleEntity';

/**
 * What the mapping routes need.
 *
 * @internal
 */
export type MappingRouteOptions = {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  events: EventsService;
  logger: LoggerService;
  mappings: ServiceMappingStore;
  /** The configured PagerDuty account names. */
  accounts: string[];
  /**
   * Told of each change once the catalog was asked to process the entity
   * again, with the service id it should now carry (none after a removal),
   * so this replica's status engine can follow without waiting for its
   * next catalog read.
   */
  onRequested?: (entityRef: string, serviceId: string | undefined) => void;
  now?: () => Date;
};

// bounded before anything else reads them
const putBody = z.object({
  entityRef: z.string().min(1, 'entityRef is required').max(255),
  serviceId: z.string().min(1, 'serviceId is required').max(32),
  account: z.string().min(1).max(64).optional(),
});

const deleteQuery = z.object({
  entityRef: z.string().min(1, 'entityRef is required').max(255),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

const toApi = (m: StoredServiceMapping): ServiceMapping => ({
  entityRef: m.entityRef,
  account: m.account,
  serviceId: m.serviceId,
  createdBy: m.createdBy,
  createdAt: m.createdAt.toISOString(),
});

function callerName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `service:${principal.subject ?? 'unknown'}`;
}

/**
 * `GET /mappings`, `PUT /mappings` and `DELETE /mappings?entityRef=`:
 * PagerDuty services mapped to entities in the portal, which the catalog
 * module `@status-layer/plugin-catalog-backend-module-status` adds to the
 * entities as `pagerduty.com/service-id`.
 *
 * @remarks
 * Mapping needs `status.mapping.write` and read access to the entity: an
 * entity the caller may not read answers 404, as one that does not exist.
 * An entity whose own YAML names its service answers 409: the YAML always
 * wins. Each change is audited and followed by a refresh of the entity, so
 * the catalog applies it within seconds.
 *
 * @internal
 */
export function addMappingRoutes(
  router: express.Router,
  options: MappingRouteOptions,
) {
  const { httpAuth, catalog, permissions, auditor, mappings, logger } = options;
  const now = () => options.now?.() ?? new Date();
  const accounts = new Set(
    options.accounts.length ? options.accounts : [DEFAULT_PAGERDUTY_ACCOUNT],
  );

  /** The caller, who must hold `status.mapping.write`. */
  const writer = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: statusMappingWritePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Mapping PagerDuty services to entities needs the status.mapping.write permission',
      );
    }
    return credentials;
  };

  /** The entity as the caller may read it; a 404 for one hidden or missing alike. */
  const readableEntity = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> => {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  };

  /** Tells the catalog module, then asks the catalog to process the entity again. */
  const applySoon = async (entityRef: string, serviceId?: string) => {
    try {
      await options.events.publish({
        topic: SERVICE_MAPPINGS_CHANGED_TOPIC,
        eventPayload: { entityRef },
      });
    } catch (error) {
      logger.warn(`Could not announce a changed service mapping: ${error}`);
    }
    try {
      await catalog.refreshEntity(entityRef, {
        credentials: await options.auth.getOwnServiceCredentials(),
      });
      options.onRequested?.(entityRef, serviceId);
    } catch (error) {
      // the catalog's next scheduled processing applies it anyway
      logger.warn(
        `Could not ask the catalog to refresh ${entityRef}; the mapping applies at its next processing`,
        { error: String(error) },
      );
    }
  };

  router.get('/mappings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const all = await mappings.list();
    let visible = all;
    if (credentials.principal.type === 'user') {
      // the catalog decides with the caller's own credentials, and compares
      // refs without regard to case as the stored ones are lower-cased
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: all.map(m => m.entityRef),
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      visible = all.filter(
        (_, i) => items[i] !== undefined && items[i] !== null,
      );
    }
    res.json({ items: visible.map(toApi) } satisfies ServiceMappingList);
  });

  router.put('/mappings', async (req, res) => {
    const audit = await auditor.createEvent({
      eventId: 'service-mapping',
      severityLevel: 'medium',
      request: req,
      meta: { actionType: 'set' },
    });
    try {
      const credentials = await writer(req);
      const body = parse(putBody, req.body);
      const entityRef = toFullEntityRef(body.entityRef);
      if (!isPagerDutyId(body.serviceId)) {
        throw new InputError(
          `"${body.serviceId}" is not a PagerDuty service ID: use the ID from the service's URL in PagerDuty, e.g. https://yours.pagerduty.com/service-directory/PABC123 → PABC123`,
        );
      }
      const account = body.account ?? DEFAULT_PAGERDUTY_ACCOUNT;
      if (!accounts.has(account)) {
        throw new InputError(
          `No PagerDuty account "${account}": use one configured under status.pagerDuty.accounts (${[
            ...accounts,
          ].join(', ')})`,
        );
      }
      const entity = await readableEntity(entityRef, credentials);
      const annotations = entity.metadata.annotations ?? {};
      if (
        annotations[PAGERDUTY_SERVICE_ID_ANNOTATION] &&
        annotations[PAGERDUTY_MAPPING_ANNOTATION] !== PORTAL_MAPPING_SOURCE
      ) {
        throw new ConflictError(
          `${entityRef} names its PagerDuty service in its own catalog-info.yaml (${PAGERDUTY_SERVICE_ID_ANNOTATION}), which always wins: edit the YAML instead`,
        );
      }
      const mapping: StoredServiceMapping = {
        entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        account,
        serviceId: body.serviceId,
        createdBy: callerName(credentials),
        createdAt: now(),
      };
      await mappings.set(mapping);
      await applySoon(stringifyEntityRef(entity), mapping.serviceId);
      await audit.success({ meta: toApi(mapping) });
      res.status(200).json({
        mapping: toApi(mapping),
      } satisfies ServiceMappingResponse);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.delete('/mappings', async (req, res) => {
    const audit = await auditor.createEvent({
      eventId: 'service-mapping',
      severityLevel: 'medium',
      request: req,
      meta: { actionType: 'remove' },
    });
    try {
      const credentials = await writer(req);
      const query = parse(deleteQuery, req.query);
      const entity = await readableEntity(
        toFullEntityRef(query.entityRef),
        credentials,
      );
      const entityRef = stringifyEntityRef(entity);
      const removed = await mappings.remove(entityRef);
      if (removed) await applySoon(entityRef);
      await audit.success({
        meta: {
          entityRef: entityRef.toLocaleLowerCase('en-US'),
          removed,
          removedBy: callerName(credentials),
          removedAt: now().toISOString(),
        },
      });
      res.status(204).end();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
}
