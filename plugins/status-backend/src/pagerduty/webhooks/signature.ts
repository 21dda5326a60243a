import { secretsEqual } from '@status-layer/plugin-status-node';
import { createHmac } from 'node:crypto';

/** A webhook signing secret and the PagerDuty account it belongs to. */
export type WebhookSecret = { secret: string; account: string };

/**
 * The secret that signed a body, checking `X-PagerDuty-Signature`
 * (`v1=<hex HMAC-SHA256>`, several comma-separated while a secret rotates)
 * against every configured secret in constant time; undefined when none did.
 * https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
 */
export function verifyPagerDutySignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: WebhookSecret[],
): WebhookSecret | undefined {
  if (!header) return undefined;
  const given = header
    .split(',')
    .map(part => part.trim())
    .filter(part => part.startsWith('v1='))
    .map(part => part.slice(3));
  for (const candidate of secrets) {
    const expected = createHmac('sha256', candidate.secret)
      .update(rawBody)
      .digest('hex');
    // check every signature, so the time taken says nothing about which matched
    let matched = false;
    for (const signature of given)
      if (secretsEqual(signature, expected)) matched = true;
    if (matched) return candidate;
  }
  return undefined;
}
