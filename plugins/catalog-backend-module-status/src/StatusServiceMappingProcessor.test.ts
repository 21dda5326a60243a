import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ServiceMapping } from '@status-layer/plugin-status-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { StatusServiceMappingProcessor } from './StatusServiceMappingProcessor';
import { StatusServiceMappings } from './StatusServiceMappings';

/** A stand-in for the status backend's `GET /api/status/mappings`, over real HTTP. */
async function startStatusBackend() {
  const state = {
    items: [] as ServiceMapping[],
    up: true,
    requests: [] as IncomingMessage[],
  };
  const server: Server = createServer((req, res) => {
    state.requests.push(req);
    if (!state.up || req.url !== '/api/status/mappings') {
      res.writeHead(state.up ? 404 : 503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: state.items }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    url,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const mapping = (
  entityRef: string,
  serviceId: string,
  account = 'default',
): ServiceMapping => ({
  entityRef,
  serviceId,
  account,
  createdBy: 'user:default/ada',
  createdAt: '2026-12-07T09:30:00.000Z',
});

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/shop',
  },
});

describe('StatusServiceMappingProcessor', () => {
  let backend: Awaited<ReturnType<typeof startStatusBackend>>;
  let nowMs: number;
  let warnings: string[];

  beforeEach(async () => {
    backend = await startStatusBackend();
    nowMs = 1_000_000;
    warnings = [];
  });
  afterEach(() => backend.close());

  const processorOf = (cacheMs = 30_000) => {
    const logger: LoggerService = Object.assign(mockServices.logger.mock(), {
      warn: (message: string) => warnings.push(message),
    });
    const mappings = new StatusServiceMappings({
      discovery: {
        getBaseUrl: async (pluginId: string) =>
          `${backend.url}/api/${pluginId}`,
        getExternalBaseUrl: async (pluginId: string) =>
          `${backend.url}/api/${pluginId}`,
      },
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
      cacheMs,
      nowMs: () => nowMs,
    });
    return { mappings, processor: new StatusServiceMappingProcessor(mappings) };
  };

  it('adds a stored mapping to an entity without one, with the account when not the default, as the catalog plugin', async () => {
    backend.state.items = [
      mapping('component:default/cart', 'PCART01'),
      mapping('component:default/video', 'PVIDEO1', 'eu'),
    ];
    const { processor } = processorOf();
    const cart = await processor.preProcessEntity(
      component('cart', { 'example.com/kept': 'yes' }),
    );
    expect(cart.metadata.annotations).toEqual({
      'example.com/kept': 'yes',
      'pagerduty.com/service-id': 'PCART01',
      'status-layer.io/pagerduty-mapping': 'portal',
    });
    const video = await processor.preProcessEntity(component('Video'));
    expect(video.metadata.annotations).toEqual({
      'pagerduty.com/service-id': 'PVIDEO1',
      'pagerduty.com/account': 'eu',
      'status-layer.io/pagerduty-mapping': 'portal',
    });
    const other = component('other');
    expect(await processor.preProcessEntity(other)).toBe(other);
    // a plugin-to-plugin token, not the caller's
    expect(backend.state.requests[0].headers.authorization).toMatch(
      /^Bearer .+/,
    );
  });

  it('leaves an entity whose YAML names its service as it is: the YAML wins', async () => {
    backend.state.items = [mapping('component:default/checkout', 'PPORTAL1')];
    const { processor } = processorOf();
    const yaml = component('checkout', {
      'pagerduty.com/service-id': 'PCHECK1',
    });
    expect(await processor.preProcessEntity(yaml)).toBe(yaml);
  });

  it('reads the mappings once per period, however many entities, and a removal shows at the next processing after it', async () => {
    backend.state.items = [mapping('component:default/cart', 'PCART01')];
    const { processor, mappings } = processorOf(30_000);
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        processor.preProcessEntity(component(`service-${i}`)),
      ),
    );
    expect(backend.state.requests).toHaveLength(1);
    expect(
      (await processor.preProcessEntity(component('cart'))).metadata
        .annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PCART01');

    // removed in the portal: the next read leaves the entity without it
    backend.state.items = [];
    nowMs += 30_000;
    const after = await processor.preProcessEntity(component('cart'));
    expect(after.metadata.annotations).toEqual({});
    expect(backend.state.requests).toHaveLength(2);

    // told of a change, it reads again before the period ends
    backend.state.items = [mapping('component:default/cart', 'PCART02')];
    mappings.invalidate();
    expect(
      (await processor.preProcessEntity(component('cart'))).metadata
        .annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PCART02');
    expect(backend.state.requests).toHaveLength(3);
  });

  it('processes entities unchanged while the status backend is down, keeps the last list read, and says so once', async () => {
    backend.state.up = false;
    const { processor } = processorOf(30_000);
    const cart = component('cart');
    expect(await processor.preProcessEntity(cart)).toBe(cart);
    expect(await processor.preProcessEntity(cart)).toBe(cart);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /Could not read the PagerDuty service mappings/,
    );

    backend.state.up = true;
    backend.state.items = [mapping('component:default/cart', 'PCART01')];
    nowMs += 30_000;
    expect(
      (await processor.preProcessEntity(cart)).metadata.annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PCART01');

    // down again, and then not even listening: the last good list stays
    backend.state.up = false;
    nowMs += 30_000;
    expect(
      (await processor.preProcessEntity(cart)).metadata.annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PCART01');
    await backend.close();
    nowMs += 30_000;
    expect(
      (await processor.preProcessEntity(cart)).metadata.annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PCART01');
    expect(warnings).toHaveLength(2);
    backend = await startStatusBackend(); // for afterEach
  });

  it('leaves out malformed items of an answer', async () => {
    backend.state.items = [
      mapping('component:default/cart', 'not an id'),
      { entityRef: 7 } as any,
      mapping('component:default/video', 'PVIDEO1'),
    ];
    const { processor } = processorOf();
    expect(
      (await processor.preProcessEntity(component('cart'))).metadata
        .annotations,
    ).toEqual({});
    expect(
      (await processor.preProcessEntity(component('video'))).metadata
        .annotations,
    ).toHaveProperty(['pagerduty.com/service-id'], 'PVIDEO1');
  });
});
