import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
import { NormalisedAlert } from '@status-layer/plugin-status-common';
import {
  AlertSource,
  AlertSourceRequest,
} from '@status-layer/plugin-status-node';
import express from 'express';
import Router from 'express-promise-router';
import { AlertStore } from '../database';
import { printable, ThrottledWarnings } from '../lib/ThrottledWarnings';
import { scrubSecretsFromUrl, SecretRedactor } from '../lib/redaction';
import { boundedAlerts } from './alertBounds';
import { DEFAULT_MAX_FIRING_PER_SOURCE } from './alertLimits';
import { FiringCap } from './FiringCap';
import {
  DEFAULT_MAX_REQUESTS_PER_MINUTE,
  RequestRateLimit,
} from './RequestRateLimit';
import { SourceAttempts } from './SourceAttempts';

/** Webhook bodies above this are refused with 413. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The secret of each source from `status.alerts.sources.<id>.secret`; in demo
 * mode (the PagerDuty simulator runs) sources without one accept
 * `demo-<id>-secret`, which production, with the simulator off, never does.
 */
export function readAlertSourceSecrets(
  config: Config,
  options: { demoSourceIds?: string[] } = {},
): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const id of options.demoSourceIds ?? [])
    secrets.set(id, `demo-${id}-secret`);
  const sources = config.getOptionalConfig('status.alerts.sources');
  for (const id of sources?.keys() ?? []) {
    const secret = sources!.getOptionalString(`${id}.secret`)?.trim();
    if (secret) secrets.set(id, secret);
  }
  return secrets;
}

function parseBody(source: AlertSource, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (source.bodyType === 'form') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') throw new InputError('The body is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`The body is not JSON: ${(error as Error).message}`);
  }
}

/** The one answer to a request without a valid credential, whatever was wrong: it names no source. */
const NOT_AUTHENTICATED =
  'The request does not carry a valid secret or token for this webhook URL';

/**
 * `POST /webhooks/<source>` for every alert source. Cheap refusals come
 * first and store nothing: an unknown source, a source without a secret and
 * a wrong secret all answer the same 401 (so nobody learns which sources are
 * configured); the credential is checked before the body is parsed (for
 * sources whose credential is not in the body); a source past its request
 * budget answers 429 before any database work; a body over 1 MiB answers
 * 413. Then the body is parsed and bounded (400 naming the field), firing
 * alerts are capped per source (429), and the alerts are stored. Refusals
 * are logged, at most one of a kind every 10 s.
 */
export function createWebhookRouter(options: {
  sources: () => AlertSource[];
  secrets: Map<string, string>;
  alerts: AlertStore;
  /** Each source's cap on firing alerts. */
  maxFiring?: (source: string) => number;
  /** Each source's request budget per minute (6,000 by default). */
  maxRequestsPerMinute?: (source: string) => number;
  /** Records how a source's last webhook went, for its freshness and problems. */
  recordAttempt?: (
    source: string,
    attempt: { at: Date; ok: true } | { at: Date; ok: false; error: string },
  ) => Promise<void>;
  logger: LoggerService;
  /** Takes credentials out of URLs before the access log writes them. */
  redactor?: SecretRedactor;
  /** Called after alerts were stored, e.g. to refresh entity levels soon. */
  onAlerts?: (alerts: NormalisedAlert[]) => void;
  now?: () => Date;
}): express.Router {
  const { secrets, alerts, logger } = options;
  const now = () => options.now?.() ?? new Date();
  const cap = new FiringCap(alerts);
  const attempts = new SourceAttempts(options.recordAttempt, logger);
  const refusals = new ThrottledWarnings(logger, 10_000, () => now().getTime());
  const requestsPerMinute = (source: string) =>
    options.maxRequestsPerMinute?.(source) ?? DEFAULT_MAX_REQUESTS_PER_MINUTE;
  const rateLimit = new RequestRateLimit(requestsPerMinute, () =>
    now().getTime(),
  );
  const isKnown = (id: string) => options.sources().some(s => s.id === id);
  // refusals are throttled per kind and source; made-up paths share one
  // kind, so varying the path cannot flood the log
  const throttleKey = (kind: string, id: string) =>
    `${kind}:${isKnown(id) ? id : '(unknown source)'}`;
  const router = Router();
  if (options.redactor) router.use(scrubSecretsFromUrl(options.redactor));

  router.post(
    '/:source',
    (req, res, next) => {
      express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES })(
        req,
        res,
        error => {
          if ((error as { type?: string })?.type === 'entity.too.large') {
            refusals.warn(
              throttleKey('too-large', req.params.source),
              `Refused a ${printable(
                req.params.source,
              )} webhook: body over ${MAX_WEBHOOK_BYTES} bytes`,
            );
            res.status(413).json({
              error: {
                name: 'PayloadTooLargeError',
                message: `The body is larger than ${MAX_WEBHOOK_BYTES} bytes`,
              },
            });
            return;
          }
          if (error) {
            next(new InputError('The body could not be read'));
            return;
          }
          next();
        },
      );
    },
    async (req, res) => {
      const sourceId = printable(req.params.source);
      const refuse = (kind: string, message: string) =>
        refusals.warn(
          throttleKey(kind, req.params.source),
          `Refused a ${sourceId} webhook from ${req.ip}: ${message}`,
        );
      const source = options.sources().find(s => s.id === req.params.source);
      const secret = source && secrets.get(source.id);
      if (!source || !secret) {
        refuse(
          'unknown',
          source
            ? `the source has no secret (status.alerts.sources.${source.id}.secret)`
            : 'no such alert source',
        );
        throw new AuthenticationError(NOT_AUTHENTICATED);
      }
      const receivedAt = now();
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const request: AlertSourceRequest = {
        headers: req.headers,
        query: req.query as Record<string, unknown>,
        body: undefined,
        rawBody,
      };
      const context = { secret, receivedAt };
      // a credential outside the body is checked before the body is parsed
      const credentialsInBody = source.credentialsIn !== 'request';
      let parseError: unknown;
      if (credentialsInBody) {
        try {
          request.body = parseBody(source, rawBody);
        } catch (error) {
          parseError = error;
        }
      }
      if (!source.authenticate(request, context)) {
        refuse('secret', 'its secret or token is missing or wrong');
        throw new AuthenticationError(NOT_AUTHENTICATED);
      }
      const wait = rateLimit.take(source.id);
      if (wait > 0) {
        const message = `${source.title} sent more than ${requestsPerMinute(
          source.id,
        )} requests in a minute (status.alerts.maxRequestsPerMinute); try again in ${wait} s`;
        refuse('rate', message);
        res.setHeader('Retry-After', String(wait));
        res
          .status(429)
          .json({ error: { name: 'TooManyRequestsError', message } });
        return;
      }
      try {
        if (parseError) throw parseError;
        if (!credentialsInBody) request.body = parseBody(source, rawBody);
        let received: NormalisedAlert[];
        try {
          received = source.parse(request, context);
        } catch (error) {
          // a source that trips over a body it did not expect is still a bad body
          if (error instanceof InputError) throw error;
          throw new InputError(
            `The body is not what ${source.title} sends: ${
              (error as Error).message
            }`,
          );
        }
        const entity = req.query.entity;
        if (entity !== undefined) {
          if (
            typeof entity !== 'string' ||
            entity.length > 255 ||
            !entity.trim()
          )
            throw new InputError(
              'entity must be one entity ref, e.g. ?entity=component:default/points-api',
            );
          // tools whose default payload names nothing can name the entity in the URL
          for (const alert of received)
            alert.targets = { ...alert.targets, entityRef: entity.trim() };
        }
        received = boundedAlerts(received, source.matcher?.keysField);
        const maxFiring =
          options.maxFiring?.(source.id) ?? DEFAULT_MAX_FIRING_PER_SOURCE;
        const admitted = await cap.admit(source.id, maxFiring, received);
        if (!admitted.ok) {
          const message = `${source.title} has ${admitted.firing} firing alerts, the most it may keep (status.alerts.maxFiringPerSource, ${maxFiring}); new firing alerts are refused until some resolve`;
          refuse('cap', message);
          await attempts.failed(source.id, receivedAt, message);
          res.status(429).json({
            error: { name: 'TooManyRequestsError', message },
          });
          return;
        }
        await alerts.upsertAlerts(received, receivedAt);
        // at its cap, the problem stands: the next new alert will be refused
        if (!admitted.atCap) await attempts.succeeded(source.id, receivedAt);
        options.onAlerts?.(received);
        const last = received[received.length - 1];
        if (source.id === 'generic' && last) {
          // as PagerDuty's Events API answers, so senders keep the key
          res.status(202).json({
            status: 'success',
            message: 'Event processed',
            dedup_key: last.fingerprint,
          });
          return;
        }
        res.status(202).json({ accepted: received.length });
      } catch (error) {
        if (error instanceof InputError) refuse('body', error.message);
        throw error;
      }
    },
  );
  return router;
}
