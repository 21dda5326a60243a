import { Router } from 'express';
import { z } from 'zod';
import { WebhookSubscription } from '../model';
import { PagerDutyApiError } from './errors';
import { pageLister } from './listing';
import { parseBody } from './params';
import { Shapes } from './shapes';
import { RouterParts } from './routerParts';

/** The events a v3 webhook subscription can ask for that the simulator sends. */
export const WEBHOOK_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.priority_updated',
  'incident.resolved',
  'incident.reopened',
  'incident.annotated',
  'incident.status_update_published',
  'service.created',
  'service.updated',
  'service.deleted',
] as const;

const webhookSubscriptionBody = z.object({
  webhook_subscription: z.object({
    type: z.literal('webhook_subscription'),
    delivery_method: z.object({
      type: z.literal('http_delivery_method'),
      url: z.string().url(),
      custom_headers: z
        .array(z.object({ name: z.string().min(1), value: z.string() }))
        .optional(),
    }),
    description: z.string().optional(),
    events: z.array(z.string()).min(1),
    filter: z.object({
      type: z.enum([
        'account_reference',
        'service_reference',
        'team_reference',
      ]),
      id: z.string().optional(),
    }),
    active: z.boolean().optional(),
  }),
});

/** A webhook subscription as a client asks for it. */
export type WebhookSubscriptionInput = z.infer<
  typeof webhookSubscriptionBody
>['webhook_subscription'];

/** The router parts, with how subscriptions are created and re-enabled. */
export type WebhookRouterParts = RouterParts & {
  createWebhookSubscription: (
    input: WebhookSubscriptionInput,
  ) => ReturnType<Shapes['webhookSubscription']>;
  /** Clears a subscription's temporary disablement; undefined when there is none. */
  enableWebhookSubscription: (id: string) => WebhookSubscription | undefined;
};

/**
 * PagerDuty's v3 webhook subscriptions: created, listed, read, updated,
 * re-enabled and deleted.
 */
export function createWebhookSubscriptionsRouter(
  options: WebhookRouterParts,
): Router {
  const { state, shapes } = options;
  const router = Router();
  const list = pageLister(options.faults);

  router.post('/webhook_subscriptions', (req, res) => {
    const body = parseBody(webhookSubscriptionBody, req.body);
    const unknown = body.webhook_subscription.events.filter(
      e => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    );
    if (unknown.length) {
      throw PagerDutyApiError.invalidInput(
        `Unknown event types: ${unknown.join(', ')}`,
      );
    }
    res.status(201).json({
      webhook_subscription: options.createWebhookSubscription(
        body.webhook_subscription,
      ),
    });
  });

  router.get('/webhook_subscriptions', (req, res) => {
    list(
      req,
      res,
      'webhook_subscriptions',
      [...state.webhookSubscriptions.values()].map(s =>
        shapes.webhookSubscription(s, false),
      ),
    );
  });

  router.get('/webhook_subscriptions/:id', (req, res) => {
    const subscription = state.webhookSubscriptions.get(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.put('/webhook_subscriptions/:id', (req, res) => {
    const subscription = state.webhookSubscriptions.get(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    const update = req.body?.webhook_subscription ?? {};
    const unknown = (update.events ?? []).filter(
      (e: string) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    );
    if (unknown.length) {
      throw PagerDutyApiError.invalidInput(
        `Unknown event types: ${unknown.join(', ')}`,
      );
    }
    if (update.events) subscription.events = update.events;
    if (update.description !== undefined)
      subscription.description = update.description;
    if (update.filter) subscription.filter = update.filter;
    if (update.active !== undefined) subscription.active = update.active;
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.post('/webhook_subscriptions/:id/enable', (req, res) => {
    const subscription = options.enableWebhookSubscription(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.delete('/webhook_subscriptions/:id', (req, res) => {
    if (!state.webhookSubscriptions.delete(req.params.id)) {
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    }
    res.status(204).end();
  });

  return router;
}
