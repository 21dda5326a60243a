import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { captureLogs } from '../__testUtils__/capturedLogs';
import {
  databaseUnavailableAs503,
  isDatabaseUnavailable,
} from './databaseUnavailable';

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

describe('databaseUnavailableAs503', () => {
  it('answers 503 with a plain message while the database is down, and leaves other errors as they are', async () => {
    const logs = captureLogs();
    const router = Router();
    router.post('/alerts', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      });
    });
    router.post('/bad', async () => {
      throw new InputError('payload.summary is missing');
    });
    router.use(databaseUnavailableAs503);
    const app = express();
    app.use('/api/status', router);
    app.use(
      MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger: logs.root,
      }).error(),
    );

    const down = await request(app).post('/api/status/alerts').send({});
    expect(down.status).toBe(503);
    expect(down.body.error.message).toBe(
      'The status database cannot be reached right now; try again shortly',
    );
    const bad = await request(app).post('/api/status/bad').send({});
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('payload.summary is missing');
  });
});
