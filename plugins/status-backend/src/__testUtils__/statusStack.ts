import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DatabaseStatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { PagerDutySync } from '../pagerduty/PagerDutySync';
import {
  PagerDutyRestClient,
  PagerDutyRestClientOptions,
} from '../pagerduty/PagerDutyRestClient';

/**
 * The status backend's pieces wired as the plugin wires them, on a given
 * database and PagerDuty (simulator) URL, for tests and benchmarks.
 */
export async function createStatusStack(options: {
  knex: Knex;
  pagerDutyUrl: string;
  logger: LoggerService;
  entities?: Entity[];
  client?: Partial<PagerDutyRestClientOptions>;
  /** The accounts the engine reads; the stack's own sync fills `default`. */
  accounts?: string[];
}) {
  const { knex, logger } = options;
  const store = await DatabaseStatusStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const client = new PagerDutyRestClient({
    apiBaseUrl: options.pagerDutyUrl,
    apiToken: 'simulator-token',
    logger,
    ...options.client,
  });
  const sync = new PagerDutySync({ account: 'default', client, store, logger });
  /** A sync of another PagerDuty account into the same store. */
  const syncAccount = (account: string, pagerDutyUrl: string) =>
    new PagerDutySync({
      account,
      client: new PagerDutyRestClient({
        apiBaseUrl: pagerDutyUrl,
        apiToken: 'simulator-token',
        logger,
        ...options.client,
      }),
      store,
      logger,
    });
  const catalog = catalogServiceMock({ entities: options.entities ?? [] });
  const makeEngine = (now?: () => Date) =>
    new StatusEngine({
      catalog,
      auth: mockServices.auth(),
      store,
      logger,
      accounts: options.accounts ?? ['default'],
      now,
    });
  return { store, client, sync, syncAccount, catalog, makeEngine };
}
