import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { StatusClient } from './StatusClient';

describe('StatusClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new StatusClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('asks for an entity by its full ref, encoded', async () => {
    let requested: string | undefined;
    server.use(
      http.get(
        'http://backstage:7007/api/status/entity-configuration',
        ({ request }) => {
          requested =
            new URL(request.url).searchParams.get('entityRef') ?? undefined;
          return HttpResponse.json({
            entityRef: 'component:default/cart-api',
            pagerDutyServiceIds: [],
            criticalDependencies: [],
            monitored: false,
            problems: [],
          });
        },
      ),
    );
    const result = await client.getEntityConfiguration(
      'component:default/cart-api',
    );
    expect(requested).toBe('component:default/cart-api');
    expect(result.entityRef).toBe('component:default/cart-api');
  });

  it('asks for entity status and roll-ups by kind, namespace and name', async () => {
    const paths: string[] = [];
    server.use(
      http.get('http://backstage:7007/api/status/*', ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ entityRef: 'x' });
      }),
    );
    await client.getEntityStatus('Component:team a/cart-api');
    await client.getRollup('group:default/shop');
    expect(paths).toEqual([
      '/api/status/entities/component/team%20a/cart-api',
      '/api/status/rollups/group/default/shop',
    ]);
  });

  it('puts summary filters in the query string', async () => {
    let search: URLSearchParams | undefined;
    server.use(
      http.get('http://backstage:7007/api/status/summary', ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json({});
      }),
    );
    await client.getSummary({
      owner: ['group:default/shop', 'group:default/ecommerce'],
      level: ['major_outage'],
      text: 'cart api',
      withUpstreams: true,
    });
    expect(Object.fromEntries(search!)).toEqual({
      owner: 'group:default/shop,group:default/ecommerce',
      level: 'major_outage',
      q: 'cart api',
      include: 'upstreams',
    });
  });

  it('asks for pages of rows and problems with the filters, grouping and collapsed groups', async () => {
    const asked: string[] = [];
    server.use(
      http.get('http://backstage:7007/api/status/summary/*', ({ request }) => {
        const url = new URL(request.url);
        asked.push(`${url.pathname}?${url.searchParams}`);
        return HttpResponse.json({});
      }),
    );
    await client.getSummaryRows(
      {
        within: ['group:default/shop'],
        text: 'cart',
        grouping: 'owner',
        collapsed: ['>group:default/shop', '>group:default/travel'],
      },
      { offset: 200, limit: 200 },
    );
    await client.getSummaryRows({ grouping: 'domain', collapsed: [] });
    await client.getProblems({ offset: 20, limit: 50 });
    expect(asked).toEqual([
      '/api/status/summary/rows?within=group%3Adefault%2Fshop&q=cart&group=owner&collapsed=%3Egroup%3Adefault%2Fshop%2C%3Egroup%3Adefault%2Ftravel&offset=200&limit=200',
      '/api/status/summary/rows?',
      '/api/status/summary/problems?offset=20&limit=50',
    ]);
  });

  it('returns a degraded health report served with 503', async () => {
    const degraded = {
      status: 'degraded',
      database: 'unavailable',
      pagerDutyMode: 'unconfigured',
      checkedAt: '2026-11-21T00:00:00.000Z',
    };
    server.use(
      http.get('http://backstage:7007/api/status/health', () =>
        HttpResponse.json(degraded, { status: 503 }),
      ),
    );
    await expect(client.getHealth()).resolves.toEqual(degraded);
  });

  it('turns an error response into a ResponseError carrying the backend error', async () => {
    server.use(
      http.get('http://backstage:7007/api/status/entity-configuration', () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/x in the catalog',
            },
            request: { method: 'GET', url: '/api/status/entity-configuration' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .getEntityConfiguration('component:default/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe(
      'No entity component:default/x in the catalog',
    );
  });

  it('follows, unfollows and lists with the method each needs', async () => {
    const calls: string[] = [];
    server.use(
      http.put(
        'http://backstage:7007/api/status/subscriptions/system/default/shop',
        () => {
          calls.push('PUT');
          return HttpResponse.json(
            {
              entityRef: 'system:default/shop',
              title: 'shop',
              level: null,
              createdAt: new Date().toISOString(),
            },
            { status: 201 },
          );
        },
      ),
      http.delete(
        'http://backstage:7007/api/status/subscriptions/system/default/shop',
        () => {
          calls.push('DELETE');
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    expect((await client.follow('system:default/shop')).entityRef).toBe(
      'system:default/shop',
    );
    await client.unfollow('system:default/shop');
    expect(calls).toEqual(['PUT', 'DELETE']);
  });

  it('gives public links as full addresses, and none to a reader who is not a status admin', async () => {
    server.use(
      http.get(
        'http://backstage:7007/api/status/entities/component/default/cart-api/public-links',
        () =>
          HttpResponse.json({
            public: true,
            available: true,
            badgePath: '/public/badges/component/default/cart-api.svg',
            feedPath: '/public/feeds/component/default/cart-api.atom',
          }),
      ),
      http.get(
        'http://backstage:7007/api/status/entities/component/default/shop-web/public-links',
        () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'no' } },
            { status: 403 },
          ),
      ),
    );
    expect(await client.getPublicLinks('component:default/cart-api')).toEqual({
      public: true,
      available: true,
      badgeUrl:
        'http://backstage:7007/api/status/public/badges/component/default/cart-api.svg',
      feedUrl:
        'http://backstage:7007/api/status/public/feeds/component/default/cart-api.atom',
    });
    expect(
      await client.getPublicLinks('component:default/shop-web'),
    ).toBeUndefined();
  });

  it('reads the coverage with its filters, and maps and unmaps a service', async () => {
    const calls: string[] = [];
    server.use(
      http.get('http://backstage:7007/api/status/coverage', ({ request }) => {
        calls.push(`GET ${new URL(request.url).search}`);
        return HttpResponse.json({ canMap: true });
      }),
      http.put(
        'http://backstage:7007/api/status/mappings',
        async ({ request }) => {
          calls.push(`PUT ${JSON.stringify(await request.json())}`);
          return HttpResponse.json({
            mapping: {
              entityRef: 'component:default/cart',
              account: 'default',
              serviceId: 'PCART01',
              createdBy: 'user:default/sre',
              createdAt: new Date().toISOString(),
            },
          });
        },
      ),
      http.delete(
        'http://backstage:7007/api/status/mappings',
        ({ request }) => {
          calls.push(`DELETE ${new URL(request.url).search}`);
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
    await client.getCoverage({
      monitored: 'no',
      q: '',
      owner: 'group:default/shop',
    });
    const { mapping } = await client.setServiceMapping({
      entityRef: 'component:default/cart',
      serviceId: 'PCART01',
    });
    expect(mapping.serviceId).toBe('PCART01');
    await client.removeServiceMapping('component:default/cart');
    expect(calls).toEqual([
      'GET ?monitored=no&owner=group%3Adefault%2Fshop',
      'PUT {"entityRef":"component:default/cart","serviceId":"PCART01"}',
      'DELETE ?entityRef=component%3Adefault%2Fcart',
    ]);
  });
});
