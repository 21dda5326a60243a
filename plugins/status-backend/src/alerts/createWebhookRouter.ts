import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { NormalisedAlert } from '@internal/plugin-status-common';
import { AlertSource, AlertSourceRequest } from '@internal/plugin-status-node';
import express from 'express';
import Router from 'express-promise-router';
import { AlertStore } from '../database';
import { DEFAULT_MAX_FIRING_PER_SOURCE } from './alertLimits';
import { FiringCap } from './FiringCap';
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

/**
 * `POST /webhooks/<source>` for every alert source: reads the raw body (at
 * most 1 MiB), authenticates it with the source's secret, turns it into
 * alerts and stores them. Bad secrets answer 401, bad bodies 400, and
 * neither stores anything; refusals are logged.
 */
export function createWebhookRouter(options: {
  sources: () => AlertSource[];
  secrets: Map<string, string>;
  alerts: AlertStore;
  /** Each source's cap on firing alerts. */
  maxFiring?: (source: string) => number;
  /** Records how a source's last webhook went, for its freshness and problems. */
  recordAttempt?: (
    source: string,
    attempt: { at: Date; ok: true } | { at: Date; ok: false; error: string },
  ) => Promise<void>;
  logger: LoggerService;
  /** Called after alerts were stored, e.g. to refresh entity levels soon. */
  onAlerts?: (alerts: NormalisedAlert[]) => void;
  now?: () => Date;
}): express.Router {
  const { secrets, alerts, logger } = options;
  const cap = new FiringCap(alerts);
  const attempts = new SourceAttempts(options.recordAttempt, logger);
  const router = Router();

  router.post(
    '/:source',
    (req, res, next) => {
      express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES })(
        req,
        res,
        error => {
          if ((error as { type?: string })?.type === 'entity.too.large') {
            logger.warn(
              `Refused a ${req.params.source} webhook: body over ${MAX_WEBHOOK_BYTES} bytes`,
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
            next(new InputError(`The body could not be read: ${error}`));
            return;
          }
          next();
        },
      );
    },
    async (req, res) => {
      const source = options.sources().find(s => s.id === req.params.source);
      if (!source) {
        throw new NotFoundError(
          `No alert source "${req.params.source}"; known: ${options
            .sources()
            .map(s => s.id)
            .join(', ')}`,
        );
      }
      const receivedAt = options.now?.() ?? new Date();
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const secret = secrets.get(source.id);
      try {
        if (!secret) {
          throw new AuthenticationError(
            `Alerts from ${source.title} are not enabled: set status.alerts.sources.${source.id}.secret`,
          );
        }
        const request: AlertSourceRequest = {
          headers: req.headers,
          query: req.query as Record<string, unknown>,
          body: undefined,
          rawBody,
        };
        // form bodies carry StatusCake's token: parse before authenticating
        const context = { secret, receivedAt };
        let parsed: unknown;
        let parseError: unknown;
        try {
          parsed = parseBody(source, rawBody);
        } catch (error) {
          parseError = error;
        }
        request.body = parsed;
        if (!source.authenticate(request, context)) {
          throw new AuthenticationError(
            `The request is not from ${source.title}: its secret or token is missing or wrong`,
          );
        }
        if (parseError) throw parseError;
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
        const maxFiring =
          options.maxFiring?.(source.id) ?? DEFAULT_MAX_FIRING_PER_SOURCE;
        const admitted = await cap.admit(source.id, maxFiring, received);
        if (!admitted.ok) {
          const message = `${source.title} has ${admitted.firing} firing alerts, the most it may keep (status.alerts.maxFiringPerSource, ${maxFiring}); new firing alerts are refused until some resolve`;
          logger.warn(`Refused a ${source.id} webhook: ${message}`);
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
        if (
          error instanceof AuthenticationError ||
          error instanceof InputError
        ) {
          logger.warn(
            `Refused a ${source.id} webhook from ${req.ip}: ${error.message}`,
          );
        }
        throw error;
      }
    },
  );
  return router;
}
