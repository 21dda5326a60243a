import { describeLag, probableCause, SYMPTOM_LEAD_MS } from './symptoms';

const MINUTE = 60_000;

describe('probableCause', () => {
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE);
  const auth = {
    id: 'PAUTH1',
    number: 12,
    title: 'Login failing',
    createdAt: at(30),
  };
  const authLater = {
    id: 'PAUTH2',
    title: 'Tokens rejected',
    createdAt: at(20),
  };
  const db = { id: 'PDB1', title: 'Replica lag', createdAt: at(10) };
  const causes = [
    {
      root: 'component:default/auth-service',
      path: ['component:default/shop-web', 'component:default/auth-service'],
    },
    {
      root: 'resource:default/db',
      path: ['component:default/shop-web', 'resource:default/db'],
    },
  ];
  const incidentsOf = (root: string) =>
    root.includes('auth') ? [authLater, auth] : [db];

  it('groups an incident under the earliest open incident of a failing upstream', () => {
    const cause = probableCause({ createdAt: at(26) }, causes, incidentsOf);
    expect(cause).toMatchObject({
      root: 'component:default/auth-service',
      upstream: { id: 'PAUTH1' },
      afterMs: 4 * MINUTE,
    });
    expect(describeLag(cause!.afterMs)).toBe('4 min after');
  });

  it('accepts an incident opened shortly before the upstream one, not long before', () => {
    expect(
      probableCause({ createdAt: at(33) }, causes, incidentsOf)?.upstream.id,
    ).toBe('PAUTH1');
    expect(describeLag(-3 * MINUTE)).toBe('3 min before');
    // long before every upstream incident: its own problem
    expect(
      probableCause(
        { createdAt: new Date(at(30).getTime() - SYMPTOM_LEAD_MS - MINUTE) },
        causes,
        incidentsOf,
      ),
    ).toBeUndefined();
  });

  it('finds nothing without an upstream root cause or its incident', () => {
    expect(
      probableCause({ createdAt: at(1) }, [], incidentsOf),
    ).toBeUndefined();
    expect(
      probableCause({ createdAt: at(1) }, causes, () => []),
    ).toBeUndefined();
  });
});
