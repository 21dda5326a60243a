import { createHmac } from 'node:crypto';

/**
 * The `X-PagerDuty-Signature` header for a raw body: `v1=<hex HMAC-SHA256>`
 * for each secret, comma-separated (two while a secret rotates).
 * https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
 */
export function signatureHeader(rawBody: string, secrets: string[]): string {
  return secrets
    .map(
      secret =>
        `v1=${createHmac('sha256', secret)
          .update(rawBody, 'utf8')
          .digest('hex')}`,
    )
    .join(',');
}
