import { signatureHeader } from '@internal/pagerduty-simulator';

/**
 * The n-th fuzzed request to the webhook receivers: a mix of endpoints,
 * credentials (right, wrong, missing, in odd places), content types and
 * bodies that no receiver may store — garbage bytes, broken or deeply nested
 * JSON, oversized strings, well-formed JSON of the wrong shape, and valid
 * envelopes with their fields' types changed. Deterministic in `n`.
 */
export function fuzzedRequest(
  n: number,
  secrets: { webhookSecret: string; alertSecret: string },
): { path: string; headers: Record<string, string>; body: Buffer } {
  let state = (n + 1) * 2654435761;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)];

  const path = pick([
    '/webhooks/pagerduty',
    '/webhooks/pagerduty',
    '/webhooks/generic',
    '/webhooks/alertmanager',
    '/webhooks/datadog',
    '/webhooks/no-such-tool',
    '/webhooks/%2e%2e%2fsummary',
  ]);
  const body = fuzzedBody(random, pick);
  const headers: Record<string, string> = {
    'content-type': pick([
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      '',
    ]),
  };
  if (!headers['content-type']) delete headers['content-type'];
  const credentials = random();
  if (path === '/webhooks/pagerduty') {
    // most carry a valid signature, so the body itself is what is refused
    if (credentials < 0.7)
      headers['x-pagerduty-signature'] = signatureHeader(
        body.toString('latin1'),
        [secrets.webhookSecret],
      );
    else if (credentials < 0.85)
      headers['x-pagerduty-signature'] = `v1=${'0'.repeat(64)}`;
    else if (credentials < 0.95)
      headers['x-pagerduty-signature'] = pick([
        '',
        'v1=',
        'v2=abc',
        'x'.repeat(5000),
      ]);
  } else if (credentials < 0.7) {
    headers.authorization = `Bearer ${secrets.alertSecret}`;
  } else if (credentials < 0.85) {
    headers.authorization = pick([
      'Bearer wrong',
      'Basic Og==',
      'Bearer ',
      `Bearer ${'x'.repeat(10_000)}`,
    ]);
  }
  return { path, headers, body };
}

function fuzzedBody(
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
): Buffer {
  const kind = Math.floor(random() * 9);
  switch (kind) {
    case 0: // random bytes
      return Buffer.from(
        Array.from({ length: Math.floor(random() * 2000) }, () =>
          Math.floor(random() * 256),
        ),
      );
    case 1: // truncated JSON
      return Buffer.from(
        '{"event":{"event_type":"incident.triggered","data":{"id":"P'.slice(
          0,
          1 + Math.floor(random() * 55),
        ),
      );
    case 2: // deeply nested
      return Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    case 3: // an oversized string (beyond every receiver's body limit)
      return Buffer.from(
        JSON.stringify({ event: { data: { title: 'x'.repeat(2_000_000) } } }),
      );
    case 4: // JSON of the wrong shape
      return Buffer.from(
        JSON.stringify(pick([null, 42, 'text', [], [{}], true, {}])),
      );
    case 5: // a PagerDuty envelope with wrongly typed fields
      return Buffer.from(
        JSON.stringify({
          event: {
            id: pick([42, null, '', {}]),
            event_type: pick(['incident.triggered', 'incident.nope', 7, null]),
            resource_type: pick(['incident', 'service', 3]),
            occurred_at: pick(['yesterday', '2026-13-45T99:00:00Z', 0, null]),
            data: pick([
              null,
              'x',
              [],
              { id: 5, type: 'incident', status: {} },
            ]),
          },
        }),
      );
    case 6: // an Events API v2 body with wrongly typed or missing fields
      return Buffer.from(
        JSON.stringify({
          routing_key: pick([undefined, 7, '', 'svc-1']),
          event_action: pick(['trigger', 'explode', 3, undefined]),
          payload: pick([
            undefined,
            'x',
            { summary: 5 },
            { summary: 'ok', severity: 'apocalyptic' },
          ]),
        }),
      );
    case 7: // an Alertmanager body with wrongly typed alerts
      return Buffer.from(
        JSON.stringify({
          version: '4',
          status: pick(['firing', 'weird', 1]),
          alerts: pick([
            null,
            'x',
            [null],
            [{ labels: 'x', status: 9 }],
            [{ status: 'firing', labels: {}, startsAt: 'never' }],
          ]),
        }),
      );
    default: // prototype pollution attempts and odd keys
      return Buffer.from(
        `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"${'k'.repeat(
          300,
        )}":[${'1,'.repeat(1000)}1]}`,
      );
  }
}
