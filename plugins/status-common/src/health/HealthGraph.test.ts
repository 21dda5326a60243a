import { DependencyEdge, HealthGraph } from './HealthGraph';
import { HealthLevel, isOutage } from './levels';
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

/** A seeded generator, so that a failure can be replayed. */
function seeded(start: number) {
  let seed = start;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  return { random, pick };
}

/**
 * What a summary shows of each entity: levels, root causes with their
 * paths, and for the roots of impact, their blast radius.
 */
function looksOf(graph: HealthGraph, refs: string[]): Map<string, string> {
  return new Map(
    refs.map(ref => [
      ref,
      JSON.stringify([
        graph.get(ref),
        graph.rootCauses(ref),
        isOutage(graph.get(ref).own) ? graph.impacted(ref) : [],
      ]),
    ]),
  );
}

/** Every entity whose look changed was said to be touched. */
function expectTouched(
  before: Map<string, string>,
  after: Map<string, string>,
  touched: Set<string>,
) {
  const changed = [...after.keys()].filter(
    ref => before.get(ref) !== after.get(ref),
  );
  expect(changed.filter(ref => !touched.has(ref))).toEqual([]);
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
    const { random, pick } = seeded(7);
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
        const looksBefore = looksOf(graph, refs);
        current[ref] = pick(levels);
        const touched = new Set<string>();
        const changes = graph.setOwn(ref, own(current[ref]), touched);
        const full = graphOf(edges, current);
        expectTouched(looksBefore, looksOf(full, refs), touched);
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

  it('lists every transitive dependent, or stops at a bound', () => {
    const graph = graphOf(
      [edge('b', 'a'), edge('c', 'b'), edge('d', 'b'), edge('e', 'd')],
      {},
    );
    expect(graph.allDependents('a').sort()).toEqual(['b', 'c', 'd', 'e']);
    const first = graph.allDependents('a', 2);
    expect(first).toHaveLength(2);
    expect(['b', 'c', 'd', 'e']).toEqual(expect.arrayContaining(first));
    expect(graph.allDependents('a', 10)).toHaveLength(4);
  });

  it("finds an entity's blast radius as its definition says: everything whose path to a root passes through it", () => {
    const { random, pick } = seeded(5);
    const levels: (HealthLevel | undefined)[] = [
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      undefined,
    ];
    const refs = Array.from({ length: 16 }, (_, i) => `s${i}`);
    for (let round = 0; round < 40; round++) {
      // cycles, parallel edges and critical ones included
      const edges = Array.from({ length: 30 }, () =>
        edge(pick(refs), pick(refs), random() < 0.4),
      ).filter(e => e.dependent !== e.upstream);
      const current: Record<string, HealthLevel | undefined> = {};
      for (const ref of refs) current[ref] = pick(levels);
      const graph = graphOf(edges, current);
      for (const ref of refs) {
        const defined = refs
          .filter(
            other =>
              other !== ref &&
              graph
                .rootCauses(other)
                .some(cause => cause.path.slice(1).includes(ref)),
          )
          .sort();
        expect(graph.impacted(ref)).toEqual(defined);
        expect([...graph.impactedSet(ref)].sort()).toEqual(defined);
      }
    }
  });

  it('after edges are replaced entity by entity, equals a graph built from the whole catalog again', () => {
    const { random, pick } = seeded(11);
    const levels: (HealthLevel | undefined)[] = [
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      'under_maintenance',
      undefined,
    ];
    const refs = Array.from({ length: 14 }, (_, i) => `s${i}`);
    const edgesFrom = (dependent: string) =>
      Array.from({ length: Math.floor(random() * 3) }, () =>
        edge(dependent, pick(refs), random() < 0.5),
      ).filter(e => e.upstream !== dependent);
    for (let round = 0; round < 20; round++) {
      const edgesOf = new Map(refs.map(ref => [ref, edgesFrom(ref)]));
      const current: Record<string, HealthLevel | undefined> = {};
      for (const ref of refs) current[ref] = pick(levels);
      const graph = graphOf([...edgesOf.values()].flat(), current);
      for (let step = 0; step < 15; step++) {
        const before = new Map(refs.map(r => [r, graph.get(r)]));
        const looksBefore = looksOf(graph, refs);
        const moved = [pick(refs), pick(refs)];
        for (const ref of moved) edgesOf.set(ref, edgesFrom(ref));
        const gone = random() < 0.3 ? pick(refs) : undefined;
        const forgotten = gone ? graph.forgetOwn(gone) : undefined;
        const changes = forgotten?.changes ?? [];
        if (gone) delete current[gone];
        const replaced = graph.replaceDependencies(
          moved,
          moved.flatMap(ref => edgesOf.get(ref)!),
        );
        changes.push(...replaced.changes);
        const full = graphOf([...edgesOf.values()].flat(), current);
        for (const r of refs) {
          expect(graph.get(r)).toEqual(full.get(r));
          expect(graph.rootCauses(r)).toEqual(full.rootCauses(r));
          expect(graph.impacted(r)).toEqual(full.impacted(r));
        }
        expectTouched(
          looksBefore,
          looksOf(full, refs),
          new Set([...replaced.touched, ...(forgotten?.touched ?? [])]),
        );
        expect([...graph.impactingRoots()].sort()).toEqual(
          [...full.impactingRoots()].sort(),
        );
        const changed = refs.filter(
          r => JSON.stringify(before.get(r)) !== JSON.stringify(full.get(r)),
        );
        // the removal's and the edges' changes, one per entity, first to last
        const net = new Map<string, { from: unknown; to: unknown }>();
        for (const c of changes)
          net.set(c.ref, { from: net.get(c.ref)?.from ?? c.from, to: c.to });
        const moves = [...net].filter(
          ([, c]) => JSON.stringify(c.from) !== JSON.stringify(c.to),
        );
        expect(moves.map(([r]) => r).sort()).toEqual(changed.sort());
        for (const [r, c] of moves) expect(c.to).toEqual(full.get(r));
      }
    }
  });

  it('touches what lies beyond a changed hop: paths that pass it, and outages on them', () => {
    // b reaches r through a or d (a first); c and e lie beyond b; x, in an
    // outage of its own that passes nothing on, counts e in its blast
    // radius only while r's walk passes through it
    const edges = [
      edge('a', 'r', true),
      edge('d', 'r', true),
      edge('b', 'a', true),
      edge('b', 'd', true),
      edge('c', 'b', true),
      edge('x', 'b', true),
      edge('e', 'x'),
    ];
    const graph = graphOf(edges, { r: 'major_outage', x: 'degraded' });
    expect(graph.rootCauses('c')[0].path).toEqual(['c', 'b', 'a', 'r']);
    expect(graph.impacted('x')).toEqual(['e']);
    const looksBefore = looksOf(graph, ['a', 'b', 'c', 'd', 'e', 'r', 'x']);
    // b stops depending on a: c's path now passes d
    const { touched } = graph.replaceDependencies(
      ['b'],
      [edge('b', 'd', true)],
    );
    expect(graph.rootCauses('c')[0].path).toEqual(['c', 'b', 'd', 'r']);
    expect(touched.has('c')).toBe(true);
    expect(touched.has('x')).toBe(true);
    expect(touched.has('a')).toBe(false);
    expectTouched(
      looksBefore,
      looksOf(graph, ['a', 'b', 'c', 'd', 'e', 'r', 'x']),
      touched,
    );
    // b stops depending on r's side at all: x no longer passes r's outage on
    const after = graph.replaceDependencies(['b'], []);
    expect(graph.impacted('x')).toEqual([]);
    expect(after.touched.has('x')).toBe(true);
    expect(after.touched.has('e')).toBe(true);
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
