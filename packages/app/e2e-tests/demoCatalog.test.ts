import { expect, test } from '@playwright/test';
import { readCatalogEntityRefs } from '@internal/pagerduty-simulator';
import { resolve } from 'node:path';
import { BACKEND_URL, guestToken } from './signIn';

type Relation = { type: string; targetRef: string };
type CatalogEntity = {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  relations?: Relation[];
  status?: { items?: { level: string; type: string; message: string }[] };
};

const refOf = (e: CatalogEntity) =>
  `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`;

// The demo catalog as the running backend ingested it, checked for what the
// product needs to demonstrate: size, contacts, dependency depth and a cycle.
test.describe('the demo catalog', () => {
  let entities: CatalogEntity[];

  test.beforeAll(async ({ request }) => {
    const token = await guestToken(request);
    // The catalog ingests files asynchronously after start: wait until it
    // holds every entity examples/ defines, so that a relation to an entity
    // not yet ingested is never taken for a dangling one.
    const defined = readCatalogEntityRefs(
      resolve(__dirname, '../../../examples/catalog.yaml'),
    );
    await expect
      .poll(
        async () => {
          const res = await request.get(`${BACKEND_URL}/api/catalog/entities`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          entities = await res.json();
          const ingested = new Set(entities.map(refOf));
          return defined.filter(ref => !ingested.has(ref));
        },
        {
          message: 'entities of examples/ not yet in the catalog',
          timeout: 60_000,
        },
      )
      .toEqual([]);
  });

  const ofKind = (kind: string) => entities.filter(e => e.kind === kind);

  test('has the size of a real company', () => {
    expect(ofKind('Component').length).toBeGreaterThanOrEqual(60);
    expect(ofKind('Group').length).toBeGreaterThanOrEqual(12);
    expect(ofKind('System').length).toBeGreaterThanOrEqual(8);
    expect(ofKind('Domain').length).toBeGreaterThanOrEqual(3);
    expect(ofKind('Resource').length).toBeGreaterThan(0);
  });

  test('has no processing errors and no dangling relations', () => {
    const errors = entities.flatMap(e =>
      (e.status?.items ?? [])
        .filter(i => i.level === 'error')
        .map(i => `${refOf(e)}: ${i.message}`),
    );
    expect(errors).toEqual([]);
    const known = new Set(entities.map(refOf));
    const dangling = entities.flatMap(e =>
      (e.relations ?? [])
        .filter(r => !known.has(r.targetRef))
        .map(r => `${refOf(e)} ${r.type} ${r.targetRef}`),
    );
    expect(dangling).toEqual([]);
  });

  test('gives every business unit a contact and members', () => {
    const units = ofKind('Group').filter(g => g.spec?.type === 'business-unit');
    expect(units.length).toBeGreaterThanOrEqual(12);
    for (const unit of units) {
      const profile = unit.spec?.profile as { email?: string } | undefined;
      expect(
        unit.metadata.annotations?.['slack.com/channel'] ?? profile?.email,
      ).toBeTruthy();
      expect((unit.spec?.members as string[]).length).toBeGreaterThan(0);
    }
  });

  test('annotates on-call services, leaves some unmonitored, one misconfigured', () => {
    const components = ofKind('Component');
    const ids = components.map(
      c => c.metadata.annotations?.['pagerduty.com/service-id'],
    );
    expect(ids.filter(Boolean).length).toBeGreaterThanOrEqual(60);
    expect(ids.filter(id => !id).length).toBeGreaterThanOrEqual(2);
    expect(ids).toContain('PNOSUCH');
  });

  test('has dependency chains four or more deep, and a cycle', () => {
    const byRef = new Map(entities.map(e => [refOf(e), e]));
    // upstreams: dependsOn, and consumed APIs through to their providers
    const upstreams = (ref: string): string[] => {
      const entity = byRef.get(ref);
      const direct = (entity?.relations ?? [])
        .filter(r => r.type === 'dependsOn')
        .map(r => r.targetRef);
      const viaApis = (entity?.relations ?? [])
        .filter(r => r.type === 'consumesApi')
        .flatMap(r =>
          (byRef.get(r.targetRef)?.relations ?? [])
            .filter(x => x.type === 'apiProvidedBy')
            .map(x => x.targetRef),
        );
      return [...direct, ...viaApis];
    };
    let deepest = 0;
    let cycle: string[] | undefined;
    const walk = (ref: string, path: string[]) => {
      deepest = Math.max(deepest, path.length - 1);
      for (const next of upstreams(ref)) {
        if (path.includes(next)) {
          cycle ??= [...path.slice(path.indexOf(next)), next];
          continue;
        }
        walk(next, [...path, next]);
      }
    };
    for (const component of ofKind('Component'))
      walk(refOf(component), [refOf(component)]);
    expect(deepest).toBeGreaterThanOrEqual(4);
    expect(cycle).toBeDefined();
  });
});
