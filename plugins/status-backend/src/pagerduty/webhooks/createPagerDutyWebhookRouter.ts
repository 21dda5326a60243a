import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { WebhookEventStore } from '../../database';
import { PAGERDUTY_WEBHOOK_EVENT_TYPES } from './PagerDutyWebhookProcessor';
import { scrubSecretsFromUrl, SecretRedactor } from '../../lib/redaction';
import { printable, ThrottledWarnings } from '../../lib/ThrottledWarnings';
import { malformedEventProblem } from './webhookEnvelope';
import { verifyPagerDutySignature, WebhookSecret } from './signature';

const MAX_BYTES = 1024 * 1024;

const header = (req: express.Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /webhooks/pagerduty`: PagerDuty v3 webhooks. The signature is checked
 * against every configured secret; a signed event is stored first and
 * answered 202 at once (PagerDuty waits 5 s at most), then processed in the
 * background, so nothing is lost if processing fails or the backend stops.
 * A redelivered event (same `event.id`) is acknowledged and not stored again.
 */
export function createPagerDutyWebhookRouter(options: {
  secrets: () => Promise<WebhookSecret[]>;
  events: WebhookEventStore;
  logger: LoggerService;
  /** Takes credentials out of URLs before the access log writes them. */
  redactor?: SecretRedactor;
  /** Called after an event was stored, to process it soon. */
  onEvent?: () => void;
  now?: () => Date;
}): express.Router {
  const { events, logger } = options;
  const refusals = new ThrottledWarnings(logger);
  const router = Router();
  if (options.redactor) router.use(scrubSecretsFromUrl(options.redactor));
  router.post(
    '/',
    express.raw({ type: () => true, limit: MAX_BYTES }),
    async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const subscription = printable(
        header(req, 'x-webhook-subscription') ?? 'unknown',
      );
      const signed = verifyPagerDutySignature(
        rawBody,
        header(req, 'x-pagerduty-signature'),
        await options.secrets(),
      );
      if (!signed) {
        refusals.warn(
          'signature',
          `Refused a PagerDuty webhook with a missing or wrong signature (subscription ${subscription}, from ${req.ip})`,
        );
        throw new AuthenticationError(
          'The X-PagerDuty-Signature header does not match any configured webhook secret',
        );
      }
      let event: any;
      try {
        event = JSON.parse(rawBody.toString('utf8'))?.event;
      } catch {
        event = undefined;
      }
      if (typeof event?.event_type !== 'string') {
        refusals.warn(
          'no-event',
          `Refused a signed PagerDuty webhook without an event (subscription ${subscription})`,
        );
        throw new InputError('The body is not a PagerDuty v3 webhook event');
      }
      if (!PAGERDUTY_WEBHOOK_EVENT_TYPES.includes(event.event_type)) {
        // signed by PagerDuty but of no use here (a ping, a type we do not
        // read): a 4xx would count against the subscription until PagerDuty
        // disables it, so it is acknowledged and not stored
        logger.info(
          `Ignored a PagerDuty webhook event of type ${printable(
            event.event_type,
          )} (subscription ${subscription})`,
        );
        res.status(202).json({ accepted: true, ignored: true });
        return;
      }
      const problem = malformedEventProblem(event);
      if (problem) {
        refusals.warn(
          'malformed',
          `Refused a signed PagerDuty webhook event of type ${printable(
            event.event_type,
          )}: ${problem} (subscription ${subscription})`,
        );
        throw new InputError(
          `The PagerDuty webhook event is malformed: ${problem}`,
        );
      }
      const receivedAt = options.now?.() ?? new Date();
      // malformedEventProblem let through only a text id and a real date
      const occurredAt: Date = event.occurred_at
        ? new Date(event.occurred_at)
        : receivedAt;
      const id: string = (
        event.id ??
        header(req, 'x-webhook-id') ??
        `${subscription}:${Date.now()}`
      ).slice(0, 64);
      const isNew = await events.saveEvent({
        id,
        account: signed.account,
        eventType: event.event_type,
        resourceId: event.data.id,
        occurredAt,
        receivedAt,
        payload: rawBody.toString('utf8'),
      });
      res.status(202).json({ accepted: true, duplicate: !isNew });
      if (isNew) options.onEvent?.();
    },
  );
  return router;
}
