import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { VisibleEntities } from './VisibleEntities';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {},
});

describe('VisibleEntities', () => {
  function setUp() {
    let nowMs = 1_000_000;
    const catalog = catalogServiceMock.mock();
    // each caller sees what the catalog lets them see
    catalog.getEntities.mockImplementation(async (_request, options) => {
      const { credentials } = options as { credentials: { principal: any } };
      const principal = credentials.principal.userEntityRef;
      return {
        items:
          principal === 'user:default/alice'
            ? [component('cart-api'), component('auth-service')]
            : [component('cart-api')],
      };
    });
    const visible = new VisibleEntities(catalog, {
      ttlMs: 30_000,
      nowMs: () => nowMs,
    });
    const advance = (ms: number) => {
      nowMs += ms;
    };
    return { catalog, visible, advance };
  }

  it("asks the catalog with each caller's own credentials", async () => {
    const { visible } = setUp();
    const alice = await visible.of(mockCredentials.user('user:default/alice'));
    const bob = await visible.of(mockCredentials.user('user:default/bob'));
    expect([...alice]).toEqual([
      'component:default/cart-api',
      'component:default/auth-service',
    ]);
    expect([...bob]).toEqual(['component:default/cart-api']);
  });

  it('reuses one read per caller, shared by concurrent requests', async () => {
    const { catalog, visible } = setUp();
    const alice = mockCredentials.user('user:default/alice');
    await Promise.all([visible.of(alice), visible.of(alice)]);
    await visible.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    await visible.of(mockCredentials.user('user:default/bob'));
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('reads again once the answer is older than the TTL', async () => {
    const { catalog, visible, advance } = setUp();
    const alice = mockCredentials.user('user:default/alice');
    await visible.of(alice);
    advance(29_000);
    await visible.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    advance(2_000);
    await visible.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });
});
