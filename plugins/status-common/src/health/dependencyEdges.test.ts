import { Entity } from '@backstage/catalog-model';
import {
  dependencyEdges,
  DOWNSTREAM_RELATIONS,
  UPSTREAM_RELATIONS,
} from './dependencyEdges';
import { HealthGraph } from './HealthGraph';

const component = (
  name: string,
  relations: [string, string][],
  critical?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: critical
      ? { 'status.backstage.io/critical-dependencies': critical }
      : {},
  },
  spec: {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-v1' },
  spec: {},
  relations: [
    { type: 'apiProvidedBy', targetRef: 'component:default/payments-api' },
  ],
};

describe('dependencyEdges', () => {
  it('follows the upstream relations and no others; the downstream ones are their inverses', () => {
    const all = [
      ...UPSTREAM_RELATIONS,
      ...DOWNSTREAM_RELATIONS,
      'ownedBy',
      'partOf',
      'hasPart',
    ];
    const { edges } = dependencyEdges([
      {
        ...api,
        relations: all.map(type => ({
          type,
          targetRef: `component:default/${type}`,
        })),
      },
    ]);
    expect(edges.map(e => e.upstream)).toEqual(
      UPSTREAM_RELATIONS.map(type => `component:default/${type}`),
    );
    expect(DOWNSTREAM_RELATIONS).toEqual([
      'dependencyOf',
      'providesApi',
      'apiConsumedBy',
    ]);
  });

  it('follows dependsOn, consumed APIs and their providers, marking critical edges', () => {
    const { edges, problems } = dependencyEdges([
      component(
        'checkout-api',
        [
          ['dependsOn', 'component:default/cart-api'],
          ['consumesApi', 'api:default/payments-v1'],
          ['ownedBy', 'group:default/ecommerce'],
        ],
        'api:payments-v1',
      ),
      api,
    ]);
    expect(edges).toEqual([
      {
        dependent: 'component:default/checkout-api',
        upstream: 'component:default/cart-api',
        critical: false,
      },
      {
        dependent: 'component:default/checkout-api',
        upstream: 'api:default/payments-v1',
        critical: true,
      },
      {
        dependent: 'api:default/payments-v1',
        upstream: 'component:default/payments-api',
        critical: true,
      },
    ]);
    expect(problems.size).toBe(0);
  });

  it('passes a provider outage through the API to its consumers', () => {
    const graph = new HealthGraph();
    graph.setDependencies(
      dependencyEdges([
        component(
          'checkout-api',
          [['consumesApi', 'api:default/payments-v1']],
          'api:payments-v1',
        ),
        api,
      ]).edges,
    );
    graph.setAllOwn([
      [
        'component:default/payments-api',
        { level: 'partial_outage', reasons: [] },
      ],
    ]);
    expect(graph.get('component:default/checkout-api').effective).toBe(
      'partial_outage',
    );
    expect(graph.rootCauses('component:default/checkout-api')[0].path).toEqual([
      'component:default/checkout-api',
      'api:default/payments-v1',
      'component:default/payments-api',
    ]);
  });

  it('reports a critical dependency that is not a dependency', () => {
    const { problems } = dependencyEdges([
      component(
        'cart-api',
        [['dependsOn', 'component:default/membership-api']],
        'membership-api, auth-service',
      ),
    ]);
    expect(problems.get('component:default/cart-api')).toEqual([
      {
        annotation: 'status.backstage.io/critical-dependencies',
        message: expect.stringContaining(
          'component:default/auth-service is listed as critical but is not a dependency',
        ),
        code: 'criticalNotDependency',
        params: { items: 'component:default/auth-service' },
      },
    ]);
  });
});
