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
    // the catalog's policy reads entities under conditions, except for
    // the readers named in `readEverything` (no conditions) and `readNothing`
    const readEverything = new Set<string>();
    const readNothing = new Set<string>();
    permissions.authorizeConditional.mockImplementation(
      async (requests, options) =>
        requests.map(() => {
          const user = (options?.credentials.principal as any).userEntityRef;
          if (readEverything.has(user))
            return { result: AuthorizeResult.ALLOW };
          if (readNothing.has(user)) return { result: AuthorizeResult.DENY };
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [user] },
            },
          };
        }) as any,
    );
    // the catalog as the engine last read it, once it has
    let catalogRead = true;
    const access = new CallerAccess(catalog, permissions, {
      nowMs: () => nowMs,
      catalogRefs: () =>
        catalogRead
          ? {
              has: ref =>
                ref === 'component:default/cart-api' ||
                ref === 'component:default/auth-service',
            }
          : undefined,
    });
    const catalogNotReadYet = () => {
      catalogRead = false;
    };
    const advance = (ms: number) => {
      nowMs += ms;
    };
    return {
      catalog,
      permissions,
      access,
      advance,
      readEverything,
      readNothing,
      catalogNotReadYet,
    };
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

  it('reads no entities for a caller the catalog lets read everything, and none for one it lets read nothing', async () => {
    const { catalog, access, readEverything, readNothing } = setUp();
    readEverything.add('user:default/grace').add('user:default/heidi');
    readNothing.add('user:default/ivan');
    const grace = await access.of(mockCredentials.user('user:default/grace'));
    const heidi = await access.of(mockCredentials.user('user:default/heidi'));
    const ivan = await access.of(mockCredentials.user('user:default/ivan'));
    expect(catalog.getEntities).not.toHaveBeenCalled();
    expect(grace.has('component:default/auth-service')).toBe(true);
    expect(grace.has('component:default/not-in-the-catalog')).toBe(false);
    expect(grace.key).toBe(heidi.key);
    expect(ivan.has('component:default/cart-api')).toBe(false);
    expect(ivan.key).not.toBe(grace.key);
    // a reader under conditions still reads what the catalog returns them
    const bob = await access.of(mockCredentials.user('user:default/bob'));
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    expect(bob.has('component:default/auth-service')).toBe(false);
    expect(bob.key).not.toBe(grace.key);
  });

  it('reads the catalog for a caller allowed everything while the catalog has not been read yet', async () => {
    const { catalog, access, readEverything, catalogNotReadYet } = setUp();
    readEverything.add(ALICE);
    catalogNotReadYet();
    const alice = await access.of(mockCredentials.user(ALICE));
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    expect(alice.has('component:default/auth-service')).toBe(true);
  });

  it('reuses one read per caller, shared by concurrent requests', async () => {
    const { catalog, permissions, access } = setUp();
    const alice = mockCredentials.user(ALICE);
    await Promise.all([access.of(alice), access.of(alice)]);
    await access.of(alice);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
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
