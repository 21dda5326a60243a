import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import {
  PAGERDUTY_MAPPING_ANNOTATION,
  PORTAL_MAPPING_SOURCE,
  StatusCoverage,
} from '@status-layer/plugin-status-common';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  component,
  entities as shopEntities,
  startShopSimulator,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { describeCoverage, PortalMapping } from './coverage';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ref = (name: string) => `component:default/${name}`;

/** A component of the shop without PagerDuty, in a given lifecycle and System. */
const extra = (
  name: string,
  options: { lifecycle?: string; system?: string; serviceId?: string } = {},
): Entity => {
  const base = component(name, 'shop', options.serviceId, []);
  return {
    ...base,
    spec: {
      ...base.spec,
      lifecycle: options.lifecycle ?? 'production',
      ...(options.system ? { system: options.system } : {}),
    },
  };
};

// the shop, plus: a System in a Domain, loyalty-points (no PagerDuty) in it,
// an experiment, and gift-cards naming cart-api's service too
const entities: Entity[] = [
  ...shopEntities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'shop' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'rewards', namespace: 'default' },
    spec: { owner: 'shop', domain: 'commerce' },
  },
  extra('loyalty-points', { system: 'rewards' }),
  extra('pricing-experiments', { lifecycle: 'experimental' }),
  // its service came from a portal mapping, as the catalog module marks it
  (() => {
    const giftCards = extra('gift-cards', { serviceId: 'PCART00' });
    giftCards.metadata.annotations![PAGERDUTY_MAPPING_ANNOTATION] =
      PORTAL_MAPPING_SOURCE;
    return giftCards;
  })(),
];

/** Adds services to the simulated account that no entity names. */
function addUnreferencedServices(sim: PagerDutySimulator) {
  const shopTeam = [...sim.state.teams.values()].find(t => t.name === 'Shop')!;
  const template = sim.state.service('PSHOP00');
  const add = (id: string, name: string) =>
    sim.state.services.set(id, {
      ...template,
      id,
      name,
      teamId: shopTeam.id,
      entityName: undefined,
    });
  add('PLOYAL1', 'Loyalty Points');
  add('PZZZ001', 'Nightly reconciliation');
}

describe.each(databases.eachSupportedId())('describeCoverage on %p', id => {
  let sim: PagerDutySimulator;
  afterEach(() => sim?.close());

  async function coverageOf(
    readable: (ref: string) => boolean,
    options: { mappings?: PortalMapping[]; query?: object } = {},
  ): Promise<StatusCoverage> {
    sim = await startShopSimulator();
    addUnreferencedServices(sim);
    const { store, sync, makeEngine } = await createStatusStack({
      knex: await databases.init(id),
      pagerDutyUrl: sim.url,
      logger: mockServices.logger.mock(),
      entities,
    });
    await sync.syncOnce();
    const engine = await makeEngine();
    await engine.refreshCatalog();
    const refs = [...engine.allEntities()].map(e => e.ref).filter(readable);
    return describeCoverage({
      engine,
      services: await store.listServices(),
      view: callerView(refs),
      mappings: options.mappings ?? [],
      canMap: false,
      query: options.query ?? {},
    });
  }

  it('counts production components monitored, per Domain, System and owner', async () => {
    const coverage = await coverageOf(() => true);
    // 5 of the shop, loyalty-points, gift-cards; pricing-experiments is not production
    expect(coverage.totals).toEqual({
      components: 8,
      production: 7,
      // quote-engine's service does not exist; loyalty-points has none
      monitored: 5,
    });
    expect(coverage.groups.owner.items).toEqual([
      {
        entityRef: 'group:default/shop',
        production: 5,
        monitored: 3,
      },
      {
        entityRef: 'group:default/platform',
        production: 2,
        monitored: 2,
      },
    ]);
    expect(coverage.groups.domain.items[0]).toEqual({
      entityRef: null,
      production: 6,
      monitored: 5,
    });
    expect(coverage.groups.domain.items).toContainEqual({
      entityRef: 'domain:default/commerce',
      production: 1,
      monitored: 0,
    });
    expect(coverage.lifecycles).toEqual(['experimental', 'production']);
  });

  it('lists components most depended on first, and filters them', async () => {
    const coverage = await coverageOf(() => true);
    const listed = coverage.components.items.map(c => c.entityRef);
    // auth-service, membership-api and cart-api each have one dependent
    expect(listed.slice(0, 3).sort()).toEqual(
      [ref('auth-service'), ref('cart-api'), ref('membership-api')].sort(),
    );
    expect(coverage.components.items[0].dependents).toBe(1);

    const unmonitored = await coverageOf(() => true, {
      query: { monitored: 'no', lifecycle: 'production' },
    });
    expect(unmonitored.components.items.map(c => c.entityRef).sort()).toEqual(
      [ref('loyalty-points'), ref('quote-engine')].sort(),
    );
    expect(unmonitored.components.total).toBe(2);

    const inDomain = await coverageOf(() => true, {
      query: { domain: 'domain:default/commerce', q: 'loyalty' },
    });
    expect(inDomain.components.items).toEqual([
      expect.objectContaining({
        entityRef: ref('loyalty-points'),
        system: 'system:default/rewards',
        domain: 'domain:default/commerce',
        monitoredBy: [],
        production: true,
      }),
    ]);
  });

  it('suggests the likely entity for a service nobody names, with why and the line to paste', async () => {
    const coverage = await coverageOf(() => true);
    const loyalty = coverage.unreferencedServices.items.find(
      s => s.serviceId === 'PLOYAL1',
    )!;
    expect(loyalty.annotation).toEqual(['pagerduty.com/service-id: PLOYAL1']);
    expect(loyalty.teams).toEqual(['Shop']);
    // the simulator's policy of the shop team is "Shop escalation"
    const policy = { kind: 'escalation_policy', policy: 'Shop escalation' };
    expect(loyalty.suggestions[0]).toEqual({
      entityRef: ref('loyalty-points'),
      reasons: [{ kind: 'name' }, { kind: 'team', team: 'Shop' }, policy],
    });
    // named like nothing: the team's components without a service, by team alone
    const nightly = coverage.unreferencedServices.items.find(
      s => s.serviceId === 'PZZZ001',
    )!;
    expect(nightly.suggestions.map(s => s.entityRef).sort()).toEqual(
      [ref('loyalty-points'), ref('pricing-experiments')].sort(),
    );
    for (const suggestion of nightly.suggestions)
      expect(suggestion.reasons).toEqual([
        { kind: 'team', team: 'Shop' },
        policy,
      ]);
    expect(coverage.unreferencedServices.total).toBe(2);
  });

  it('finds annotations naming services PagerDuty lacks, and services named twice', async () => {
    const coverage = await coverageOf(() => true);
    expect(coverage.unknownServices.items).toEqual([
      {
        entityRef: ref('quote-engine'),
        account: 'default',
        serviceId: 'PNOSUCH',
        reason: 'unknown_service',
      },
    ]);
    expect(coverage.sharedServices.items).toEqual([
      expect.objectContaining({
        serviceId: 'PCART00',
        entityRefs: [ref('cart-api'), ref('gift-cards')],
      }),
    ]);
  });

  it('tells a mapping made in the portal from the YAML, and one not applied yet', async () => {
    const coverage = await coverageOf(() => true, {
      mappings: [
        {
          entityRef: ref('shop-web'),
          account: 'default',
          serviceId: 'PSHOP00',
        },
        {
          entityRef: ref('loyalty-points'),
          account: 'default',
          serviceId: 'PLOYAL1',
        },
      ],
    });
    const byRef = new Map(coverage.components.items.map(c => [c.entityRef, c]));
    expect(byRef.get(ref('shop-web'))!.pagerDuty!.mappedBy).toBe('portal');
    expect(byRef.get(ref('cart-api'))!.pagerDuty!.mappedBy).toBe(
      'catalog-info.yaml',
    );
    expect(byRef.get(ref('gift-cards'))!.pagerDuty!.mappedBy).toBe('portal');
    expect(byRef.get(ref('loyalty-points'))!.pendingMapping).toEqual({
      account: 'default',
      serviceId: 'PLOYAL1',
    });
  });

  it('leaves out, counts not and suggests never what the caller may not read', async () => {
    const hidden = [
      ref('loyalty-points'),
      ref('gift-cards'),
      'group:default/shop',
    ];
    const coverage = await coverageOf(r => !hidden.includes(r));
    const text = JSON.stringify(coverage);
    for (const word of ['loyalty-points', 'gift-cards', 'group:default/shop'])
      expect(text).not.toContain(word);
    expect(coverage.totals.components).toBe(6);
    // cart-api's service is named by one readable entity only
    expect(coverage.sharedServices.total).toBe(0);
    // shop's components are listed under no owner the caller may read
    expect(coverage.groups.owner.items).toContainEqual(
      expect.objectContaining({ entityRef: null }),
    );
    const loyalty = coverage.unreferencedServices.items.find(
      s => s.serviceId === 'PLOYAL1',
    )!;
    expect(loyalty.suggestions).toEqual([]);
  });
});
