import fs from 'node:fs';
import path from 'node:path';
import { PagerDutyOpenApi } from '../openapi/PagerDutyOpenApi';
import {
  PAGERDUTY_DEPENDENCIES_HINT,
  readCatalogSeed,
} from '../seed/readCatalog';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const auth = pagerDutyRequestHeaders();
const DEMO = path.resolve(__dirname, '../../../../examples/catalog.yaml');

describe('service dependencies', () => {
  const contract = PagerDutyOpenApi.rest();
  let sim: PagerDutySimulator;
  let withBusiness: PagerDutySimulator;

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 3, catalogFile: DEMO });
    const demo = readCatalogSeed(DEMO);
    withBusiness = await startPagerDutySimulator({
      seed: 3,
      catalog: {
        ...demo,
        businessServices: [
          { name: 'Online shop', supportedBy: ['shop-web', 'checkout-api'] },
          { name: 'Payments', supportedBy: ['payments-api'] },
        ],
      },
    });
  });
  afterAll(async () => {
    await sim.close();
    await withBusiness.close();
  });

  const get = async (on: PagerDutySimulator, url: string) => {
    const response = await fetch(`${on.url}${url}`, { headers: auth });
    return { status: response.status, body: await response.json() };
  };
  const idOf = (name: string) => sim.state.service(name).id;

  it("answers a technical service's dependencies both ways, as documented", async () => {
    const { status, body } = await get(
      sim,
      `/service_dependencies/technical_services/${idOf('checkout-api')}`,
    );
    expect(status).toBe(200);
    expect(
      contract.responseErrors(
        '/service_dependencies/technical_services/{id}',
        'get',
        200,
        body,
      ),
    ).toEqual([]);
    const pairs = body.relationships.map((r: any) => [
      r.dependent_service.id,
      r.supporting_service.id,
    ]);
    // what it needs (from dependsOn) and what needs it (shop-web)
    expect(pairs).toEqual(
      expect.arrayContaining([
        [idOf('checkout-api'), idOf('cart-api')],
        [idOf('checkout-api'), idOf('order-service')],
        [idOf('shop-web'), idOf('checkout-api')],
      ]),
    );
    expect(body.relationships[0]).toMatchObject({
      type: 'service_dependency',
      id: expect.stringMatching(/^D[0-9A-F]{15}$/),
      dependent_service: { type: 'technical_service_reference' },
      supporting_service: { type: 'technical_service_reference' },
    });
  });

  it('knows the one dependency of the demo that the catalog never recorded', async () => {
    const { body } = await get(
      sim,
      `/service_dependencies/technical_services/${idOf('order-service')}`,
    );
    expect(
      body.relationships
        .filter((r: any) => r.dependent_service.id === idOf('order-service'))
        .map((r: any) => r.supporting_service.id),
    ).toEqual([
      idOf('mall-db'),
      idOf('inventory-api'),
      // through notifications-v1, which it consumes
      idOf('notifications-service'),
    ]);
  });

  it('mirrors dependsOn and consumed APIs, with one hint in the whole demo', () => {
    const hints =
      fs
        .readdirSync(path.dirname(DEMO), { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.yaml'))
        .map(file =>
          fs.readFileSync(path.join(path.dirname(DEMO), file), 'utf8'),
        )
        .join('\n')
        .split(`${PAGERDUTY_DEPENDENCIES_HINT}:`).length - 1;
    expect(hints).toBe(1);
    // checkout-api consumes payments-v1, which payments-api provides
    const names = sim.state.serviceDependencies.map(d => [
      sim.state.services.get(d.dependent.id)?.name,
      sim.state.services.get(d.supporting.id)?.name,
    ]);
    expect(names).toContainEqual(['checkout-api', 'payments-api']);
  });

  it('answers 404 for a service the account does not have, in the error shape', async () => {
    const { status, body } = await get(
      sim,
      '/service_dependencies/technical_services/PNOTHERE',
    );
    expect(status).toBe(404);
    expect(
      contract.responseErrors(
        '/service_dependencies/technical_services/{id}',
        'get',
        404,
        body,
      ),
    ).toEqual([]);
    expect(
      (await get(sim, '/service_dependencies/business_services/PNOTHERE'))
        .status,
    ).toBe(404);
  });

  it('lists no business services when the account has none', async () => {
    const { status, body } = await get(sim, '/business_services');
    expect(status).toBe(200);
    expect(body).toMatchObject({ business_services: [], more: false });
  });

  it('lists business services in pages, and their dependencies', async () => {
    const first = await get(withBusiness, '/business_services?limit=1');
    expect(first.status).toBe(200);
    expect(
      contract.responseErrors('/business_services', 'get', 200, first.body),
    ).toEqual([]);
    expect(first.body).toMatchObject({
      business_services: [{ name: 'Online shop', type: 'business_service' }],
      more: true,
    });
    const shop = first.body.business_services[0];
    const { status, body } = await get(
      withBusiness,
      `/service_dependencies/business_services/${shop.id}`,
    );
    expect(status).toBe(200);
    expect(
      contract.responseErrors(
        '/service_dependencies/business_services/{id}',
        'get',
        200,
        body,
      ),
    ).toEqual([]);
    expect(
      body.relationships.map((r: any) => [
        r.dependent_service,
        r.supporting_service.id,
      ]),
    ).toEqual([
      [
        { id: shop.id, type: 'business_service_reference' },
        withBusiness.state.service('shop-web').id,
      ],
      [
        { id: shop.id, type: 'business_service_reference' },
        withBusiness.state.service('checkout-api').id,
      ],
    ]);
  });

  it('refuses parameters the document does not allow', async () => {
    const { status } = await get(sim, '/business_services?query=shop');
    expect(status).toBe(400);
    expect(sim.refusedRequests.map(r => r.path)).toEqual([
      '/business_services?query=shop',
    ]);
  });

  it('keeps the rest of the seeded account the same with or without a graph', () => {
    expect([...withBusiness.state.services.keys()]).toEqual([
      ...sim.state.services.keys(),
    ]);
    expect([...withBusiness.state.incidents.keys()]).toEqual([
      ...sim.state.incidents.keys(),
    ]);
  });
});
