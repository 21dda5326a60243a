import { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from './CatalogIndex';

const component = (name: string, etag?: string, dependsOn: string[] = []) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...(etag ? { etag } : {}) },
    spec: { type: 'service', owner: 'group:default/team' },
    relations: dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
  } as Entity);

const listing = (entities: Entity[]) =>
  entities.map(e => ({
    ref: `component:default/${e.metadata.name}`,
    etag: e.metadata.etag,
  }));

describe('CatalogIndex', () => {
  const now = () => new Date(0);
  const catalog = Array.from({ length: 16 }, (_, i) =>
    component(`svc-${i}`, `svc-${i}-1`),
  );

  function loaded() {
    const index = new CatalogIndex(now);
    expect(index.plan(listing(catalog), { full: false })).toEqual({
      full: true,
    });
    index.replace(catalog, []);
    return index;
  }

  it('asks to read only the entities whose etag changed, the new ones, and names those gone', () => {
    const index = loaded();
    expect(index.plan(listing(catalog), { full: false })).toBeUndefined();

    const next = [
      ...catalog.slice(1, 7),
      ...catalog.slice(8),
      component('svc-7', 'svc-7-2', ['component:default/svc-1']),
      component('svc-new', 'svc-new-1'),
    ];
    expect(index.plan(listing(next), { full: false })).toEqual({
      full: false,
      read: ['component:default/svc-7', 'component:default/svc-new'],
      removed: ['component:default/svc-0'],
    });
    const delta = index.update(
      next.slice(-2),
      ['component:default/svc-0'],
      [],
    )!;
    expect(delta.changed.map(e => e.ref)).toEqual([
      'component:default/svc-7',
      'component:default/svc-new',
    ]);
    expect(delta.edges).toEqual([
      expect.objectContaining({
        dependent: 'component:default/svc-7',
        upstream: 'component:default/svc-1',
      }),
    ]);
    expect(index.get('component:default/svc-0')).toBeUndefined();
    expect(index.plan(listing(next), { full: false })).toBeUndefined();
  });

  it('reads entities without an etag each time and applies them only when they changed', () => {
    const index = new CatalogIndex(now);
    const plain = [component('a'), component('b')];
    index.plan(listing(plain), { full: false });
    index.replace(plain, []);
    const plan = index.plan(listing(plain), { full: false });
    expect(plan).toEqual({
      full: false,
      read: ['component:default/a', 'component:default/b'],
      removed: [],
    });
    expect(index.update(plain, [], [])).toBeUndefined();
    const changed = [component('a', undefined, ['component:default/b'])];
    expect(index.update(changed, [], [])?.changed.map(e => e.ref)).toEqual([
      'component:default/a',
    ]);
  });

  it('reads everything again when a quarter of the catalog changed, or when asked', () => {
    const index = loaded();
    expect(index.plan(listing(catalog), { full: true })).toEqual({
      full: true,
    });
    const next = catalog.map((e, i) =>
      i < 5 ? component(e.metadata.name, `${e.metadata.name}-2`) : e,
    );
    expect(index.plan(listing(next), { full: false })).toEqual({ full: true });
  });
});
