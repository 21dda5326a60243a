import { DependencyEdge, HealthGraph } from './HealthGraph';
import { compareDependencies } from './pagerDutyDependencies';

const edge = (
  dependent: string,
  upstream: string,
  critical = false,
): DependencyEdge => ({ dependent, upstream, critical });
const fromPagerDuty = (
  dependent: string,
  upstream: string,
  critical = false,
): DependencyEdge => ({ dependent, upstream, critical, source: 'pagerduty' });

describe('compareDependencies', () => {
  const catalog = [
    edge('component:checkout', 'component:orders'),
    edge('component:checkout', 'api:payments-v1'),
    edge('api:payments-v1', 'component:payments', true),
    edge('component:orders', 'resource:mall-db'),
    edge('component:cart', 'component:auth'),
  ];

  it('lists what PagerDuty knows that the catalog lacks, an API standing for its providers', () => {
    const { pagerDutyOnly } = compareDependencies(
      catalog,
      [
        { dependent: 'component:orders', upstream: 'component:stock' },
        // through payments-v1: the catalog has it
        { dependent: 'component:checkout', upstream: 'component:payments' },
        { dependent: 'component:checkout', upstream: 'component:orders' },
        { dependent: 'component:orders', upstream: 'component:stock' },
      ],
      () => true,
    );
    expect(pagerDutyOnly).toEqual([
      { dependent: 'component:orders', upstream: 'component:stock' },
    ]);
  });

  it('lists catalog edges PagerDuty lacks only between entities whose dependencies were read', () => {
    const read = new Set([
      'component:checkout',
      'component:orders',
      'component:payments',
      'resource:mall-db',
    ]);
    const { catalogOnly } = compareDependencies(
      catalog,
      [{ dependent: 'component:checkout', upstream: 'component:orders' }],
      ref => read.has(ref),
    );
    // cart → auth: neither read, so PagerDuty's silence says nothing
    expect(catalogOnly).toEqual([
      { dependent: 'component:checkout', upstream: 'component:payments' },
      { dependent: 'component:orders', upstream: 'resource:mall-db' },
    ]);
  });
});

describe('HealthGraph with PagerDuty-only edges', () => {
  const graphOf = (edges: DependencyEdge[]) => {
    const graph = new HealthGraph();
    graph.setDependencies(edges);
    graph.setAllOwn([['stock', { level: 'major_outage', reasons: [] }]]);
    return graph;
  };

  it('passes impact over them and marks each hop that uses one', () => {
    const graph = graphOf([
      edge('web', 'checkout', true),
      edge('checkout', 'orders', true),
      fromPagerDuty('orders', 'stock', true),
    ]);
    expect(graph.get('web').effective).toBe('major_outage');
    expect(graph.rootCauses('web')).toEqual([
      {
        root: 'stock',
        level: 'major_outage',
        path: ['web', 'checkout', 'orders', 'stock'],
        pagerDutyHops: [2],
      },
    ]);
    expect(graph.upstreamTree('orders', 2)).toEqual([
      expect.objectContaining({ ref: 'stock', fromPagerDuty: true }),
    ]);
  });

  it('marks nothing when the catalog has the same edge, whichever comes first', () => {
    for (const edges of [
      [fromPagerDuty('orders', 'stock'), edge('orders', 'stock')],
      [edge('orders', 'stock'), fromPagerDuty('orders', 'stock')],
    ]) {
      const graph = graphOf(edges);
      expect(graph.rootCauses('orders')).toEqual([
        { root: 'stock', level: 'degraded', path: ['orders', 'stock'] },
      ]);
      expect(graph.upstreamTree('orders', 1)[0].fromPagerDuty).toBeUndefined();
    }
  });

  it('without them (suggest), the dependent stays operational', () => {
    const graph = graphOf([
      edge('web', 'checkout'),
      edge('checkout', 'orders'),
    ]);
    expect(graph.get('orders').effective).toBe('operational');
    expect(graph.rootCauses('web')).toEqual([]);
  });
});
