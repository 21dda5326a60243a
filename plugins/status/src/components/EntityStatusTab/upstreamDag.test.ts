import { OutageLevel, UpstreamNode } from '@status-layer/plugin-status-common';
import { brokenUpstreams, listUpstreams } from './upstreamDag';

const node = (
  name: string,
  level: OutageLevel,
  upstreams: UpstreamNode[] = [],
  extra: Partial<UpstreamNode> = {},
): UpstreamNode => ({
  ref: `component:default/${name}`,
  critical: false,
  levels: { own: 'operational', inherited: level, effective: level },
  upstreams,
  ...extra,
});

describe('listUpstreams', () => {
  // shop-web → cart-api → auth → auth-db, and shop-web → membership → auth → auth-db
  const auth = () =>
    node('auth', 'major_outage', [node('auth-db', 'operational')]);
  const tree = [
    node('cart-api', 'partial_outage', [auth()]),
    node('membership', 'partial_outage', [auth()], { critical: true }),
    node('search', 'operational', [node('index', 'operational')]),
  ];

  it('lists each upstream once, at its shortest distance, with the path to it', () => {
    const entries = listUpstreams(tree);
    expect(entries.map(e => [e.ref.split('/')[1], e.depth])).toEqual([
      ['cart-api', 1],
      ['membership', 1],
      ['search', 1],
      ['auth', 2],
      ['index', 2],
      ['auth-db', 3],
    ]);
    const authEntry = entries.find(e => e.ref.endsWith('/auth'))!;
    expect(authEntry.via).toEqual(['component:default/cart-api']);
    expect(entries.find(e => e.ref.endsWith('/auth-db'))!.via).toEqual([
      'component:default/cart-api',
      'component:default/auth',
    ]);
  });

  it('keeps only the upstreams that are not operational, worst first, then nearest', () => {
    expect(
      brokenUpstreams(listUpstreams(tree)).map(e => e.ref.split('/')[1]),
    ).toEqual(['auth', 'cart-api', 'membership']);
  });

  it('marks an upstream a path leads back to as part of a cycle, and merges critical', () => {
    // a → b → a (cycle), and b reached critically from c
    const cyclic = [
      node('a', 'degraded', [
        node('b', 'degraded', [node('a', 'degraded', [], { cycle: true })]),
      ]),
      node('c', 'operational', [
        node('b', 'degraded', [], { critical: true, truncated: true }),
      ]),
    ];
    const entries = listUpstreams(cyclic);
    expect(entries.map(e => e.ref.split('/')[1])).toEqual(['a', 'c', 'b']);
    expect(entries.find(e => e.ref.endsWith('/a'))!.inCycle).toBe(true);
    const b = entries.find(e => e.ref.endsWith('/b'))!;
    expect(b.critical).toBe(true);
    expect(b.inCycle).toBe(false);
    // cut short only where it was first listed
    expect(b.truncated).toBe(false);
  });
});
