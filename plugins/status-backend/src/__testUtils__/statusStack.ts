import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { PagerDutyRestClientOptions } from '../pagerduty/PagerDutyRestClient';
import {
  createStatusParts,
  StatusDependencies,
} from '../wiring/createStatusParts';
import { readStatusConfig } from '../wiring/readStatusConfig';

/**
 * The status backend's parts, built by the plugin's own factory
 * ({@link createStatusParts}) from config naming a PagerDuty (simulator) URL,
 * on a given database and catalog, for tests and benchmarks. Scheduling is
 * left to the test, which runs syncs and engines when it wants.
 */
export async function createStatusStack(options: {
  knex: Knex;
  pagerDutyUrl: string;
  logger: LoggerService;
  entities?: Entity[];
  client?: Partial<PagerDutyRestClientOptions>;
  /** Further PagerDuty accounts and their URLs, beside `default`. */
  accounts?: Record<string, string>;
  /** Further `status.*` config. */
  config?: object;
  /** Sign in to the default account as this Scoped OAuth app (at the simulator's token endpoint). */
  oauth?: { clientId: string; clientSecret: string; subdomain?: string };
}) {
  const sentNotifications: NotificationSendOptions[] = [];
  let failingSends = 0;
  const { logger, client: clientOptions = {} } = options;
  const { tokenType, ...otherClientOptions } = clientOptions;
  const account = (url: string) => ({
    apiToken: 'simulator-token',
    apiBaseUrl: url,
    eventsBaseUrl: url,
    ...(tokenType ? { tokenType } : {}),
  });
  const config = new ConfigReader({
    status: {
      ...options.config,
      pagerDuty: {
        ...(options.oauth
          ? {
              apiBaseUrl: options.pagerDutyUrl,
              oauth: {
                subdomain: 'meridian',
                ...options.oauth,
                tokenUrl: `${options.pagerDutyUrl}/oauth/token`,
              },
            }
          : account(options.pagerDutyUrl)),
        accounts: Object.fromEntries(
          Object.entries(options.accounts ?? {}).map(([name, url]) => [
            name,
            account(url),
          ]),
        ),
      },
    },
  });
  // the catalog the parts read, which a test may change between reads
  let catalogNow = catalogServiceMock({ entities: options.entities ?? [] });
  const catalog = new Proxy(catalogNow, {
    get: (_target, property) => {
      const value = (catalogNow as any)[property];
      return typeof value === 'function' ? value.bind(catalogNow) : value;
    },
  });
  const deps: StatusDependencies = {
    config,
    logger,
    database: mockServices.database({
      knex: options.knex,
      migrations: { skip: false },
    }),
    scheduler: mockServices.scheduler(),
    auth: mockServices.auth(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    discovery: mockServices.discovery(),
    catalog,
    signals: { publish: async () => {} },
    notifications: {
      send: async notification => {
        if (failingSends > 0) {
          failingSends--;
          throw new Error('the notifications backend answered 503');
        }
        sentNotifications.push(notification);
      },
    },
    events: DefaultEventsService.create({ logger }),
  };
  const status = readStatusConfig(config);
  const build = (now?: () => Date) =>
    createStatusParts(deps, status, {
      now,
      clientOptions: otherClientOptions,
    });
  const parts = await build();
  const syncOf = (name: string) => parts.syncs.find(s => s.account === name)!;
  return {
    store: parts.store,
    client: parts.clients.get('default')!,
    sync: syncOf('default'),
    syncOf,
    catalog,
    /** Makes the catalog hold these entities from its next read on. */
    setCatalogEntities: (entities: Entity[]) => {
      catalogNow = catalogServiceMock({ entities });
    },
    /** What the notification service was asked to send, oldest first. */
    sentNotifications,
    /** Makes the next `count` sends fail, as when the notifications backend is down. */
    failNextSends: (count: number) => {
      failingSends = count;
    },
    /** The parts' notifier (with the first engine). */
    notifier: parts.notifier,
    /** A new engine on the same store (a restart), optionally with its own clock. */
    makeEngine: async (now?: () => Date) => (await build(now)).engine!,
    /** New parts on the same store (a restart), optionally with their own clock. */
    makeParts: build,
  };
}
