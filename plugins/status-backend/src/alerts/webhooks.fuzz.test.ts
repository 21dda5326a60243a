import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { BUILT_IN_ALERT_SOURCES } from './sources';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(120_000);

// Any JSON value, objects shaped loosely like the tools' bodies included.
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      version: fc.oneof(fc.constant('4'), fc.string()),
      alerts: fc.array(fc.jsonValue(), { maxLength: 3 }),
      status: fc.string(),
      state: fc.oneof(fc.constant('ACTIVATED'), fc.string()),
      issueId: fc.jsonValue(),
      transition: fc.jsonValue(),
      cycle_key: fc.jsonValue(),
      title: fc.jsonValue(),
      schemaId: fc.oneof(
        fc.constant('azureMonitorCommonAlertSchema'),
        fc.string(),
      ),
      data: fc.jsonValue(),
      routing_key: fc.jsonValue(),
      event_action: fc.oneof(fc.constant('trigger'), fc.string()),
      payload: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

// Header names as HTTP allows them, values of any byte HTTP allows (no line breaks).
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,30}$/);
const headerValue = fc
  .string({ maxLength: 200 })
  .map(v => v.replace(/[^\t\x20-\x7e]/g, ''));
const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom('token', 'entity', 'secret', 'source'),
    fc.string({ maxLength: 20 }),
  ),
  fc.oneof(fc.string({ maxLength: 300 }), fc.constant('right')),
  { maxKeys: 5 },
);
// path segments: the known sources, made-up ones and any text, encoded
const sourceSegment = fc.oneof(
  fc.constantFrom(...BUILT_IN_ALERT_SOURCES.map(s => s.id)),
  fc.string({ minLength: 1, maxLength: 80 }),
);

describe('alert webhooks under random input', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: any;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startStatusTestBackend({
        knex,
        config: {
          status: {
            alerts: {
              sources: Object.fromEntries(
                BUILT_IN_ALERT_SOURCES.map(s => [s.id, { secret: 'right' }]),
              ),
            },
          },
        },
      });
    });

    it.each(BUILT_IN_ALERT_SOURCES.map(s => s.id))(
      '%s never answers 5xx and stores nothing for random bodies with a wrong secret',
      async source => {
        await fc.assert(
          fc.asyncProperty(
            jsonBody,
            fc.oneof(fc.constant('wrong'), fc.string()),
            fc.constantFrom(
              'application/json',
              'application/x-www-form-urlencoded',
              'text/plain',
            ),
            async (body, token, contentType) => {
              const res = await request(server)
                .post(`/api/status/webhooks/${source}`)
                .set('Authorization', `Bearer ${token}x`)
                .set('Content-Type', contentType)
                .send(
                  contentType === 'application/json'
                    ? JSON.stringify(body)
                    : String(JSON.stringify(body)),
                );
              expect(res.status).toBeGreaterThanOrEqual(400);
              expect(res.status).toBeLessThan(500);
            },
          ),
          { numRuns: 40 },
        );
        expect(await knex('status_alerts').select('fingerprint')).toEqual([]);
      },
    );

    it('never answers 5xx and stores nothing for random paths, query strings and headers without the right secret', async () => {
      await fc.assert(
        fc.asyncProperty(
          sourceSegment,
          query,
          fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
          jsonBody,
          async (source, params, headers, body) => {
            // a wrong Bearer secret always goes with it, even when the query
            // has ?token=right: a header credential is never overruled
            const req = request(server).post(
              `/api/status/webhooks/${encodeURIComponent(
                source,
              )}?${new URLSearchParams(params)}`,
            );
            for (const [name, value] of Object.entries(headers)) {
              if (
                !/^(content-length|transfer-encoding|host|connection|expect)$/i.test(
                  name,
                )
              )
                req.set(name, value);
            }
            req.set('Authorization', `Bearer ${headers.authorization ?? 'x'}x`);
            const res = await req
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body));
            // 404 only where the path leaves the webhook routes ('.', '..')
            expect([401, 404]).toContain(res.status);
          },
        ),
        { numRuns: 150 },
      );
      expect(await knex('status_alerts').select('fingerprint')).toEqual([]);
    });

    it.each(BUILT_IN_ALERT_SOURCES.map(s => s.id))(
      '%s never answers 5xx for random bodies with the right secret',
      async source => {
        await fc.assert(
          fc.asyncProperty(jsonBody, async body => {
            const req = request(server)
              .post(`/api/status/webhooks/${source}?token=right`)
              .set('Authorization', 'Bearer right');
            const res =
              source === 'statuscake'
                ? await req.type('form').send(
                    new URLSearchParams({
                      Token: 'right',
                      Status: String((body as any)?.status ?? 'Down'),
                      Name: JSON.stringify(body).slice(0, 50),
                    }).toString(),
                  )
                : await req
                    .set('Content-Type', 'application/json')
                    .send(JSON.stringify(body));
            expect(res.status).toBeLessThan(500);
            // every refusal says why
            const reason =
              res.status >= 400 ? typeof res.body.error?.message : 'string';
            expect(reason).toBe('string');
          }),
          { numRuns: 60 },
        );
      },
    );
  });
});
