import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CallerAccess, DEFAULT_ACCESS_TTL_MS } from './CallerAccess';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const ALICE = 'user:default/alice';

describe('CallerAccess', () => {
  function setUp() {
    let nowMs = 1_000_000;
    const catalog = catalogServiceMock.mock();
    // each caller sees what the catalog lets them see
    catalog.getEntities.mockImplementation(async (_request, options) => {
      const { credentials } = options as { credentials: { principal: any } };
      const principal = credentials.principal.userEntityRef;
      return {
        items:
          principal === ALICE
            ? [component('cart-api'), component('auth-service')]
            : [component('cart-api')],
      };
    });
    const permissions = mockServices.permissions.mock();
    // only alice holds status.admin
    permissions.authorize.mockImplementation(async (requests, options) =>
      requests.map(() => ({
        result:
          (options?.credentials.principal as any).userEntityRef === ALICE
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    );
    const access = new CallerAccess(catalog, permissions, {
      nowMs: () => nowMs,
    });
    const advance = (ms: number) => {
      nowMs += ms;
    };
    return { catalog, permissions, access, advance };
  }

  it("asks the catalog and the permission framework with each caller's own credentials", async () => {
    const { access } = setUp();
    const alice = await access.of(mockCredentials.user(ALICE));
    const bob = await access.of(mockCredentials.user('user:default/bob'));
    expect(alice.has('component:default/auth-service')).toBe(true);
    expect(alice.admin).toBe(true);
    expect(bob.has('component:default/cart-api')).toBe(true);
    expect(bob.has('component:default/auth-service')).toBe(false);
    expect(bob.admin).toBe(false);
  });

  it('reuses one read per caller, shared by concurrent requests', async () => {
    const { catalog, permissions, access } = setUp();
    const alice = mockCredentials.user(ALICE);
    await Promise.all([access.of(alice), access.of(alice)]);
    await access.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    await access.of(mockCredentials.user('user:default/bob'));
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('reads again once the answer is older than a few seconds', async () => {
    const { catalog, access, advance } = setUp();
    const alice = mockCredentials.user(ALICE);
    await access.of(alice);
    advance(DEFAULT_ACCESS_TTL_MS - 1_000);
    await access.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    advance(2_000);
    await access.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
    expect(DEFAULT_ACCESS_TTL_MS).toBeLessThanOrEqual(5_000);
  });

  it('forgets every answer when told the catalog changed', async () => {
    const { catalog, access } = setUp();
    const alice = mockCredentials.user(ALICE);
    await access.of(alice);
    access.clear();
    await access.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('names equal readable sets with one key, and different ones, or admin and not, with different keys', async () => {
    const { access } = setUp();
    const bob = await access.of(mockCredentials.user('user:default/bob'));
    const carol = await access.of(mockCredentials.user('user:default/carol'));
    const alice = await access.of(mockCredentials.user(ALICE));
    // bob and carol read the same entities and are no admins
    expect(bob.key).toBeDefined();
    expect(carol.key).toBe(bob.key);
    expect(alice.key).not.toBe(bob.key);
    // the same set, read again after the catalog changed, may get a new key,
    // but never the key of another set
    access.clear();
    const again = await access.of(mockCredentials.user('user:default/dave'));
    expect(again.key).not.toBe(alice.key);
  });

  it('gives sets of one size but different members different keys', async () => {
    const { catalog, access } = setUp();
    catalog.getEntities.mockImplementation(async (_request, options) => {
      const { credentials } = options as { credentials: { principal: any } };
      return {
        items: [
          component(
            credentials.principal.userEntityRef === 'user:default/erin'
              ? 'left'
              : 'right',
          ),
        ],
      };
    });
    const erin = await access.of(mockCredentials.user('user:default/erin'));
    const frank = await access.of(mockCredentials.user('user:default/frank'));
    expect(erin.key).not.toBe(frank.key);
  });
});
