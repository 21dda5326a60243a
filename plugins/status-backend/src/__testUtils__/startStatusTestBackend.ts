import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { statusPlugin } from '../plugin';

/**
 * The status plugin in a test backend, on a given database, catalog and
 * configuration, with whatever other features a test adds (modules, services).
 *
 * @internal
 */
export async function startStatusTestBackend(options: {
  /** The database of the status plugin; omitted when `features` bring their own. */
  knex?: Knex;
  /** The entities of a mock catalog (none by default). */
  entities?: Entity[];
  /** `features` bring the real catalog: no mock catalog. */
  realCatalog?: boolean;
  config?: object;
  /** Runs the plugin's scheduled tasks (catalog read, sync) at start-up. */
  runStartupTasks?: boolean;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const { server } = await startTestBackend({
    features: [
      statusPlugin,
      ...(options.realCatalog
        ? []
        : [catalogServiceMock.factory({ entities: options.entities ?? [] })]),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.runStartupTasks
        ? [
            mockServices.scheduler.factory({
              includeInitialDelayedTasksOnStartup: true,
            }),
          ]
        : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}
