import { isDatabaseUnavailable } from './databaseUnavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down or restarting, also behind a cause', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const shutdown = Object.assign(
      new Error('terminating connection due to administrator command'),
      { code: '57P01' },
    );
    const wrapped = new Error('insert into status_alerts failed', {
      cause: refused,
    });
    const pool = Object.assign(
      new Error(
        'Knex: Timeout acquiring a connection. The pool is probably full.',
      ),
      {
        name: 'KnexTimeoutError',
      },
    );
    for (const error of [refused, shutdown, wrapped, pool])
      expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('leaves query faults and other errors alone', () => {
    const constraint = Object.assign(
      new Error('duplicate key value violates unique constraint'),
      { code: '23505' },
    );
    expect(isDatabaseUnavailable(constraint)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
