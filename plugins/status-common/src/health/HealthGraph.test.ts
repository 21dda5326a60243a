import { DependencyEdge, HealthGraph } from './HealthGraph';
import { HealthLevel } from './levels';
import { DEFAULT_HEALTH_RULES, OwnHealth } from './rules';

const own = (level: HealthLevel | undefined): OwnHealth => ({
  level,
  reasons: [],
});
const edge = (
  dependent: string,
  upstream: string,
  critical = false,
): DependencyEdge => ({ dependent, upstream, critical });

function graphOf(
  edges: DependencyEdge[],
  levels: Record<string, HealthLevel | undefined>,
) {
  const graph = new HealthGraph();
  graph.setDependencies(edges);
  graph.setAllOwn(
    Object.entries(levels).map(([ref, level]) => [ref, own(level)]),
  );
  return graph;
}

describe('HealthGraph', () => {
  it('degrades direct dependents of an outage over ordinary edges, one hop only', () => {
    // web → cart → membership → auth (all ordinary)
    const graph = graphOf(
      [
        edge('web', 'cart'),
        edge('cart', 'membership'),
        edge('membership', 'auth'),
      ],
      {
        web: 'operational',
        cart: 'operational',
        membership: 'operational',
        auth: 'major_outage',
      },
    );
    expect(graph.get('auth')).toEqual({
      own: 'major_outage',
      inherited: 'operational',
      effective: 'major_outage',
    });
    expect(graph.get('membership')).toEqual({
      own: 'operational',
      inherited: 'degraded',
      effective: 'degraded',
    });
    // a degraded upstream does not degrade its dependents by default
    expect(graph.get('cart').effective).toBe('operational');
    expect(graph.impacted('auth')).toEqual(['membership']);
    // the blast radius counts the impacted; the dependents are all of them
    expect(graph.allDependents('auth').sort()).toEqual([
      'cart',
      'membership',
      'web',
    ]);
  });

  it('passes the level unchanged along critical edges, with the path to the root cause', () => {
    // shop-web → cart-api →(critical) membership-api →(critical) auth-service
    const graph = graphOf(
      [
        edge('shop-web', 'cart-api'),
        edge('cart-api', 'membership-api', true),
        edge('membership-api', 'auth-service', true),
      ],
      {
        'shop-web': 'operational',
        'cart-api': 'operational',
        'membership-api': 'operational',
        'auth-service': 'major_outage',
      },
    );
    expect(graph.get('membership-api').effective).toBe('major_outage');
    expect(graph.get('cart-api').effective).toBe('major_outage');
    expect(graph.get('shop-web')).toEqual({
      own: 'operational',
      inherited: 'degraded',
      effective: 'degraded',
    });
    expect(graph.rootCauses('shop-web')).toEqual([
      {
        root: 'auth-service',
        level: 'degraded',
        path: ['shop-web', 'cart-api', 'membership-api', 'auth-service'],
      },
    ]);
    expect(graph.impacted('auth-service')).toEqual([
      'cart-api',
      'membership-api',
      'shop-web',
    ]);
    // the blast radius of an impacted entity: what is impacted through it
    expect(graph.impacted('membership-api')).toEqual(['cart-api', 'shop-web']);
    expect(graph.impacted('shop-web')).toEqual([]);
  });

  it('takes the worst path in a diamond, and lists every root cause', () => {
    // app → a → db (critical), app → b → db (ordinary); cache is another root
    const graph = graphOf(
      [
        edge('app', 'a'),
        edge('app', 'b', true),
        edge('a', 'db', true),
        edge('b', 'db'),
        edge('app', 'cache', true),
      ],
      {
        app: 'operational',
        a: 'operational',
        b: 'operational',
        db: 'partial_outage',
        cache: 'degraded',
      },
    );
    expect(graph.get('a').effective).toBe('partial_outage');
    expect(graph.get('b').effective).toBe('degraded');
    // via a (ordinary edge from app): degraded; via b (critical from app): b is only degraded
    expect(graph.get('app').inherited).toBe('degraded');
    const causes = graph.rootCauses('app');
    expect(causes.map(c => c.root).sort()).toEqual(['cache', 'db']);
    expect(causes.find(c => c.root === 'cache')).toEqual({
      root: 'cache',
      level: 'degraded',
      path: ['app', 'cache'],
    });
  });

  it('is safe on cycles and lets both members of a cycle inherit', () => {
    // membership ⇄ points (critical both ways), membership → auth (critical)
    const graph = graphOf(
      [
        edge('membership', 'points', true),
        edge('points', 'membership', true),
        edge('membership', 'auth', true),
        edge('shop', 'points'),
      ],
      {
        membership: 'operational',
        points: 'operational',
        auth: 'partial_outage',
        shop: 'operational',
      },
    );
    expect(graph.get('membership').effective).toBe('partial_outage');
    expect(graph.get('points').effective).toBe('partial_outage');
    expect(graph.get('shop').effective).toBe('degraded');
    expect(graph.rootCauses('points')[0].path).toEqual([
      'points',
      'membership',
      'auth',
    ]);
    // a cycle with its own outage does not loop
    graph.setOwn('points', own('major_outage'));
    expect(graph.get('membership').effective).toBe('major_outage');
    expect(graph.get('points').effective).toBe('major_outage');
  });

  it('does not propagate maintenance or unknown, and lets unmonitored entities inherit', () => {
    const graph = graphOf(
      [edge('a', 'maint', true), edge('b', 'stale', true), edge('c', 'auth')],
      {
        maint: 'under_maintenance',
        stale: 'unknown',
        auth: 'major_outage',
        a: 'operational',
        b: 'operational',
        c: undefined,
      },
    );
    expect(graph.get('a').effective).toBe('operational');
    expect(graph.get('b').effective).toBe('operational');
    expect(graph.get('c')).toEqual({
      own: undefined,
      inherited: 'degraded',
      effective: 'degraded',
    });
    expect(graph.get('nobody')).toEqual({
      own: undefined,
      inherited: 'operational',
      effective: 'operational',
    });
  });

  it('lets maintenance alarm dependents when the rules say so, as that level, and stop when it ends', () => {
    const graph = new HealthGraph({
      ...DEFAULT_HEALTH_RULES,
      maintenance: { passesOnAs: 'partial_outage' },
    });
    graph.setDependencies([
      edge('a', 'maint', true),
      edge('b', 'maint'),
      edge('c', 'b'),
    ]);
    graph.setAllOwn([
      ['maint', own('under_maintenance')],
      ['a', own('operational')],
      ['b', own('operational')],
      ['c', own('operational')],
    ]);
    // the entity itself stays under maintenance; a critical dependent gets the
    // level, an ordinary one the default dependency's, one hop only
    expect(graph.get('maint').effective).toBe('under_maintenance');
    expect(graph.get('a').effective).toBe('partial_outage');
    expect(graph.get('b').effective).toBe('degraded');
    expect(graph.get('c').effective).toBe('operational');
    expect(graph.rootCauses('a')).toEqual([
      { root: 'maint', level: 'partial_outage', path: ['a', 'maint'] },
    ]);
    graph.setOwn('maint', own('operational'));
    expect(graph.get('a').effective).toBe('operational');
  });

  it('updates incrementally to the same result as a full recomputation, and reports the changes', () => {
    const edges = [
      edge('web', 'cart'),
      edge('cart', 'membership', true),
      edge('membership', 'auth', true),
      edge('video', 'auth'),
      edge('membership', 'points', true),
      edge('points', 'membership', true),
    ];
    const start = {
      web: 'operational',
      cart: 'operational',
      membership: 'operational',
      auth: 'operational',
      video: 'operational',
      points: 'operational',
    } as const;
    const graph = graphOf(edges, start);

    const changes = graph.setOwn('auth', own('major_outage'));
    expect(
      changes.map(c => `${c.ref}:${c.from.effective}→${c.to.effective}`).sort(),
    ).toEqual([
      'auth:operational→major_outage',
      'cart:operational→major_outage',
      'membership:operational→major_outage',
      'points:operational→major_outage',
      'video:operational→degraded',
      'web:operational→degraded',
    ]);
    const full = graphOf(edges, { ...start, auth: 'major_outage' });
    for (const ref of Object.keys(start))
      expect(graph.get(ref)).toEqual(full.get(ref));

    // a second incident at the same level: new reasons, nobody's level changes
    const second: OwnHealth = {
      level: 'major_outage',
      reasons: [
        {
          signal: {
            kind: 'incident',
            id: 'Q2',
            title: 'Tokens rejected',
            urgency: 'high',
          },
          level: 'major_outage',
        },
      ],
    };
    expect(graph.setOwn('auth', second)).toEqual([]);
    expect(graph.ownHealth('auth')).toBe(second);
    expect(graph.rootCauses('web')[0].root).toBe('auth');

    const recovered = graph.setOwn('auth', own('operational'));
    expect(recovered).toHaveLength(6);
    for (const ref of Object.keys(start))
      expect(graph.get(ref).effective).toBe('operational');
  });

  it('after any sequence of changes, equals a full recomputation and reports exactly the entities that changed', () => {
    // a seeded generator, so a failure can be replayed
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(list: readonly T[]) =>
      list[Math.floor(random() * list.length)];
    const levels: (HealthLevel | undefined)[] = [
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      'under_maintenance',
      'unknown',
      undefined,
    ];
    for (let round = 0; round < 30; round++) {
      const refs = Array.from({ length: 12 }, (_, i) => `s${i}`);
      const edges: DependencyEdge[] = [];
      for (let i = 0; i < 24; i++) {
        const dependent = pick(refs);
        const upstream = pick(refs);
        if (dependent !== upstream)
          edges.push(edge(dependent, upstream, random() < 0.5));
      }
      const current: Record<string, HealthLevel | undefined> = {};
      for (const ref of refs) current[ref] = pick(levels);
      const graph = graphOf(edges, current);
      for (let step = 0; step < 20; step++) {
        const ref = pick(refs);
        const before = new Map(refs.map(r => [r, graph.get(r)]));
        current[ref] = pick(levels);
        const changes = graph.setOwn(ref, own(current[ref]));
        const full = graphOf(edges, current);
        const changed = refs.filter(
          r => JSON.stringify(before.get(r)) !== JSON.stringify(full.get(r)),
        );
        for (const r of refs) {
          expect(graph.get(r)).toEqual(full.get(r));
          expect(graph.rootCauses(r)).toEqual(full.rootCauses(r));
        }
        expect(changes.map(c => c.ref).sort()).toEqual(changed.sort());
        for (const change of changes) {
          expect(change.from).toEqual(before.get(change.ref));
          expect(change.to).toEqual(full.get(change.ref));
        }
      }
    }
  });

  it('names the roots whose own level passes something on, and only those', () => {
    const graph = graphOf(
      [edge('web', 'auth'), edge('web', 'search'), edge('report', 'lonely')],
      {
        web: 'operational',
        auth: 'major_outage',
        search: 'under_maintenance',
        report: 'operational',
        // an outage nobody depends on passes nothing on
        island: 'major_outage',
        lonely: 'partial_outage',
      },
    );
    expect([...graph.impactingRoots()].sort()).toEqual(['auth', 'lonely']);
    graph.setOwn('auth', own('operational'));
    expect([...graph.impactingRoots()]).toEqual(['lonely']);
  });

  it('builds a depth-limited upstream tree, marking cycles and cut-offs', () => {
    const graph = graphOf(
      [
        edge('web', 'cart'),
        edge('cart', 'membership', true),
        edge('membership', 'points', true),
        edge('points', 'membership', true),
        edge('points', 'db'),
      ],
      { membership: 'major_outage' },
    );
    const tree = graph.upstreamTree('web', 3);
    expect(tree).toHaveLength(1);
    const membership = tree[0].upstreams[0];
    expect(membership).toMatchObject({
      ref: 'membership',
      critical: true,
      levels: { effective: 'major_outage' },
    });
    const points = membership.upstreams[0];
    expect(points.upstreams.map(u => u.ref)).toEqual([]);
    expect(points.truncated).toBe(true);
    const shallowCycle = graph.upstreamTree('membership', 5)[0].upstreams;
    expect(shallowCycle.find(n => n.ref === 'membership')?.cycle).toBe(true);
  });
});
