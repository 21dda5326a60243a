import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { Knex } from 'knex';
import { callerView } from './callerView';
import { createStatusStack } from './statusStack';

/*
 * A small organisation for tests: platform's auth-service and membership-api,
 * shop's cart-api and shop-web depending on them, and quote-engine naming a
 * PagerDuty service the account lacks.
 */

/** A Component with its PagerDuty service, owner and dependencies. */
export const component = (
  name: string,
  owner: string,
  serviceId: string | undefined,
  dependsOn: string[],
  critical?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      ...(serviceId ? { 'pagerduty.com/service-id': serviceId } : {}),
      ...(critical
        ? { 'status.backstage.io/critical-dependencies': critical }
        : {}),
    },
  },
  spec: { type: 'service', owner, lifecycle: 'production', dependsOn },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...dependsOn.map(d => ({
      type: 'dependsOn',
      targetRef: `component:default/${d.replace('component:', '')}`,
    })),
  ],
});
export const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'slack.com/channel': `#${name}-oncall` },
  },
  spec: {
    type: 'team',
    children: [],
    profile: { displayName: `${name} team`, email: `${name}@example.com` },
  },
});

export const entities = [
  group('platform'),
  group('shop'),
  component('auth-service', 'platform', 'PAUTH00', []),
  component(
    'membership-api',
    'platform',
    'PMEMB00',
    ['component:auth-service'],
    'auth-service',
  ),
  component(
    'cart-api',
    'shop',
    'PCART00',
    ['component:membership-api'],
    'membership-api',
  ),
  component('shop-web', 'shop', 'PSHOP00', ['component:cart-api']),
  component('quote-engine', 'shop', 'PNOSUCH', []),
];

/** A User entity, member of one group. */
export const member = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
});

/** The organisation with people: sam and nia in shop, pat in platform. */
export const people = [
  ...entities,
  member('sam', 'shop'),
  member('nia', 'shop'),
  member('pat', 'platform'),
];

/** A PagerDuty simulator seeded with the organisation's services and teams. */
export function startShopSimulator(
  extra: Partial<Parameters<typeof startPagerDutySimulator>[0]> = {},
) {
  return startPagerDutySimulator({
    ...extra,
    seed: 41,
    historyDays: 3,
    catalog: {
      services: ['auth-service', 'membership-api', 'cart-api', 'shop-web'].map(
        name => ({
          serviceId: entities.find(e => e.metadata.name === name)!.metadata
            .annotations!['pagerduty.com/service-id'],
          entityName: name,
          description: '',
          ownerGroup:
            name.includes('auth') || name.includes('membership')
              ? 'platform'
              : 'shop',
        }),
      ),
      groups: [
        {
          name: 'platform',
          title: 'Platform',
          members: [
            {
              name: 'p1',
              displayName: 'Platform SRE',
              email: 'p1@example.com',
            },
          ],
        },
        {
          name: 'shop',
          title: 'Shop',
          members: [
            {
              name: 's1',
              displayName: 'Shop SRE',
              email: 's1@example.com',
            },
          ],
        },
      ],
    },
  });
}

/** The login outage of the tests: a P1 incident on auth-service. */
export function triggerLoginOutage(sim: PagerDutySimulator) {
  return sim.state.trigger({
    service: 'PAUTH00',
    title: 'Login failing',
    urgency: 'high',
    priority: 'P1',
  });
}

/**
 * The organisation's engine, synchronised once while auth-service's login is
 * down, with a caller who may read everything. Close `sim` after the test.
 */
export async function shopDuringLoginOutage(knex: Knex) {
  const sim = await startShopSimulator();
  triggerLoginOutage(sim);
  const { store, sync, makeEngine } = await createStatusStack({
    knex,
    pagerDutyUrl: sim.url,
    logger: mockServices.logger.mock(),
    entities,
  });
  await sync.syncOnce();
  const engine = await makeEngine();
  await engine.refreshCatalog();
  const all = callerView([...engine.allEntities()].map(e => e.ref));
  return { sim, engine, store, all };
}

/**
 * For a `describe.each` over databases: returns a function that starts
 * {@link shopDuringLoginOutage} on that database, and closes its simulator
 * after each test.
 */
export function useShopDuringLoginOutage(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());
  return async () => {
    const started = await shopDuringLoginOutage(
      await databases.init(databaseId),
    );
    sim = started.sim;
    return started;
  };
}

/**
 * What a served user may read in an organisation: every entity but the
 * hidden ones, as `UserViews.seen` takes it.
 */
export function organisationRefs(organisation: Entity[]) {
  const all = new Set(
    organisation.map(
      e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
    ),
  );
  return {
    all,
    but: (...hidden: string[]) =>
      new Set([...all].filter(ref => !hidden.includes(ref))),
  };
}
