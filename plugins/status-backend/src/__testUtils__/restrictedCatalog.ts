import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  statusAdminPermission,
  statusIncidentCreatePermission,
  statusMappingWritePermission,
} from '@status-layer/plugin-status-common';

/** Entities with this label are readable only by their owners (and SREs). */
export const RESTRICTED_LABEL = 'example.com/restricted';

/** Entities with this label are readable only by SREs, even by their owners. */
export const SRE_ONLY_LABEL = 'example.com/sre-only';

/** Members of this group may read everything and hold `status.admin`. */
export const SRE_GROUP = 'group:default/sre';

/** Members of this group (besides SREs) may map PagerDuty services to entities. */
export const MAPPERS_GROUP = 'group:default/identity';

/** The one user who may not report problems (`status.incident.create`). */
export const NOT_A_REPORTER = 'user:default/newcomer';

/**
 * A permission policy as an adopter would write one, not allow-all: SREs may
 * do everything; everyone else may read an entity unless it carries
 * {@link RESTRICTED_LABEL}, in which case only its owners may, and nobody
 * but SREs may read one with {@link SRE_ONLY_LABEL}, not even its owners (a
 * conditional decision that the catalog turns into a database filter); nobody
 * else holds `status.admin`, and only members of {@link MAPPERS_GROUP} may
 * map PagerDuty services (`status.mapping.write`); everyone but
 * {@link NOT_A_REPORTER} may report problems (`status.incident.create`).
 */
export class RestrictedEntitiesPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(SRE_GROUP)) return { result: AuthorizeResult.ALLOW };
    if (isPermission(request.permission, statusAdminPermission))
      return { result: AuthorizeResult.DENY };
    if (isPermission(request.permission, statusMappingWritePermission))
      return {
        result: claims.includes(MAPPERS_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    if (isPermission(request.permission, statusIncidentCreatePermission))
      return {
        result: claims.includes(NOT_A_REPORTER)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      };
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(request.permission, {
        allOf: [
          { not: catalogConditions.hasLabel({ label: SRE_ONLY_LABEL }) },
          {
            anyOf: [
              { not: catalogConditions.hasLabel({ label: RESTRICTED_LABEL }) },
              catalogConditions.isEntityOwner({ claims }),
            ],
          },
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * The features of a test backend with the real catalog and permission
 * backends, a {@link RestrictedEntitiesPolicy}, the given entities and user
 * memberships, each plugin on its own database of the given engine.
 *
 * @returns the features, the scheduler (whose tasks the test triggers) and
 * the refs the catalog will hold.
 */
export async function restrictedCatalogFeatures(options: {
  databases: TestDatabases;
  databaseId: Parameters<TestDatabases['init']>[0];
  /** The status plugin's own database (the test reads its tables). */
  statusKnex: Awaited<ReturnType<TestDatabases['init']>>;
  entities: Entity[];
  /** The groups each user belongs to, by user ref. */
  memberships: Record<string, string[]>;
}) {
  const catalogKnex = await options.databases.init(options.databaseId);
  const provider: EntityProvider = {
    getProviderName: () => 'status-test-entities',
    async connect(connection) {
      await connection.applyMutation({
        type: 'full',
        entities: options.entities.map(entity => ({
          locationKey: 'status-test',
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                'backstage.io/managed-by-location': 'url:https://example.com/',
                'backstage.io/managed-by-origin-location':
                  'url:https://example.com/',
              },
            },
          },
        })),
      });
    },
  };
  // the scheduler's tasks run when a test triggers them
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const features = [
    catalogPlugin,
    permissionPlugin,
    createBackendModule({
      pluginId: 'catalog',
      moduleId: 'status-test-entities',
      register(reg) {
        reg.registerInit({
          deps: { processing: catalogProcessingExtensionPoint },
          async init({ processing }) {
            processing.addEntityProvider(provider);
          },
        });
      },
    }),
    createBackendModule({
      pluginId: 'permission',
      moduleId: 'status-test-policy',
      register(reg) {
        reg.registerInit({
          deps: { policy: policyExtensionPoint },
          async init({ policy }) {
            policy.setPolicy(new RestrictedEntitiesPolicy());
          },
        });
      },
    }),
    // A plugin calling another on a user's behalf is that user with the plugin
    // as actor, as with real tokens: the permission backend accepts resource
    // permissions without a resource (the catalog's conditional decisions)
    // only from such callers. The mock auth service drops the actor.
    createServiceFactory({
      service: coreServices.auth,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => {
        const auth = mockServices.auth({ pluginId: plugin.getId() });
        return Object.assign(Object.create(auth), {
          async getPluginRequestToken(
            request: Parameters<typeof auth.getPluginRequestToken>[0],
          ) {
            const principal = request.onBehalfOf.principal as {
              type: string;
              userEntityRef?: string;
            };
            if (principal.type !== 'user')
              return auth.getPluginRequestToken(request);
            return {
              token: mockCredentials.user.token(principal.userEntityRef, {
                actor: { subject: `plugin:${plugin.getId()}` },
              }),
            };
          },
        });
      },
    }),
    createServiceFactory({
      service: coreServices.userInfo,
      deps: {},
      factory: () => ({
        async getUserInfo(credentials) {
          const userEntityRef = (credentials.principal as any).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(options.memberships[userEntityRef] ?? []),
            ],
          };
        },
      }),
    }),
    createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) =>
        mockServices.database({
          knex: plugin.getId() === 'status' ? options.statusKnex : catalogKnex,
        }),
    }),
    scheduler.factory({ skipTaskRunOnStartup: true }),
  ];
  return {
    features,
    scheduler,
    refs: options.entities.map(e => stringifyEntityRef(e)),
  };
}
