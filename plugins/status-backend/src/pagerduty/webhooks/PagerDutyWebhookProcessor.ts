import { LoggerService } from '@backstage/backend-plugin-api';
import { pagerDutySourceName } from '@status-layer/plugin-status-common';
import { StatusStore, StoredWebhookEvent } from '../../database';
import { toStoredIncident } from '../mapping';
import { toStoredIncidentUpdate } from '../incidentUpdates';

/** Event types PagerDuty sends that change what the status shows. */
export const PAGERDUTY_WEBHOOK_EVENT_TYPES = [
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
];

/**
 * A PagerDuty service whose incidents or details webhooks changed; no
 * `serviceId` when the event did not tell which (an update to an incident
 * not stored yet).
 */
export type WebhookTouchedService = { account: string; serviceId?: string };

/** After this many failed attempts an event is set aside, with its error kept. */
const MAX_ATTEMPTS = 5;
const BATCH = 200;

/**
 * Applies stored PagerDuty webhook events in the order they occurred: an
 * incident's state from `incident.*` events (an event older than the stored
 * state changes nothing, so late or repeated deliveries never roll it back),
 * a service's name and status from `service.*`. Unknown types are logged and
 * set aside. One run at a time; events that arrive meanwhile get the next.
 */
export class PagerDutyWebhookProcessor {
  private running?: Promise<number>;
  private again = false;

  constructor(
    private readonly options: {
      store: StatusStore;
      logger: LoggerService;
      /** Called after a run that changed something, with the services it touched. */
      onChanged?: (services: WebhookTouchedService[]) => void | Promise<void>;
      now?: () => Date;
    },
  ) {}

  /** Processes every pending event; resolves with how many were applied. */
  processPending(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let applied = 0;
      do {
        this.again = false;
        applied += await this.runOnce();
      } while (this.again);
      return applied;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<number> {
    const { store, logger } = this.options;
    let applied = 0;
    const accounts = new Set<string>();
    const services = new Map<string, WebhookTouchedService>();
    for (;;) {
      const events = await store.webhookEvents.listPending(BATCH);
      if (events.length === 0) break;
      for (const event of events) {
        try {
          const touched = await this.apply(event);
          if (touched) {
            applied++;
            accounts.add(event.account);
            services.set(JSON.stringify(touched), touched);
          }
          await store.webhookEvents.markProcessed(event.id, this.now());
        } catch (error) {
          const message = String((error as Error)?.message ?? error);
          await store.webhookEvents.markFailed(event.id, message);
          if (event.attempts + 1 >= MAX_ATTEMPTS) {
            logger.error(
              `PagerDuty webhook event ${event.id} (${event.eventType}) failed ${MAX_ATTEMPTS} times and is set aside: ${message}`,
            );
            await store.webhookEvents.markProcessed(event.id, this.now());
          } else {
            logger.warn(
              `Processing PagerDuty webhook event ${event.id} failed; it stays pending: ${message}`,
            );
          }
        }
      }
      if (events.length < BATCH) break;
    }
    // the webhooks channel only: a webhook never makes the poll's data fresh
    for (const account of accounts) {
      await store.recordSourceAttempt(
        pagerDutySourceName(account, 'webhooks'),
        {
          at: this.now(),
          ok: true,
          via: 'webhook',
        },
      );
    }
    if (services.size) await this.options.onChanged?.([...services.values()]);
    return applied;
  }

  /** Applies one event; the service it touched, or undefined when it changes nothing we keep. */
  private async apply(
    event: StoredWebhookEvent,
  ): Promise<WebhookTouchedService | undefined> {
    const { account } = event;
    const body = JSON.parse(event.payload);
    const data = body?.event?.data;
    const update = toStoredIncidentUpdate(event.eventType, data, {
      account: event.account,
      at: event.occurredAt,
      agent: body?.event?.agent?.summary,
    });
    if (update) {
      await this.options.store.incidentUpdates.upsert([update]);
      const incident = await this.options.store.getIncident(
        account,
        update.incidentId,
      );
      return { account, serviceId: incident?.serviceId };
    }
    if (event.eventType.startsWith('incident.') && data?.type === 'incident') {
      return { account, serviceId: await this.applyIncident(event, data) };
    }
    if (event.eventType.startsWith('service.') && data?.id) {
      await this.options.store.updateService(
        event.account,
        data.id,
        event.eventType === 'service.deleted'
          ? null
          : {
              name: data.name ?? data.summary,
              htmlUrl: data.html_url,
              status: data.status,
            },
      );
      return { account, serviceId: String(data.id) };
    }
    this.options.logger.info(
      `Ignored PagerDuty webhook event ${event.id} of type ${event.eventType}`,
    );
    return undefined;
  }

  /** Stores an incident's new state; returns its service. */
  private async applyIncident(
    event: StoredWebhookEvent,
    data: any,
  ): Promise<string> {
    const { store } = this.options;
    const known = await store.getIncident(event.account, data.id);
    const at = event.occurredAt;
    const incident = toStoredIncident(data, {
      account: event.account,
      // a later sync (asked after this moment) corrects what this event says
      observedAt: at,
      eventAt: at,
      known,
    });
    if (!incident) {
      throw new Error(
        `incident ${String(data.id).slice(0, 64)} has no usable id or service`,
      );
    }
    if (event.eventType === 'incident.acknowledged')
      incident.acknowledgedAt ??= at;
    if (
      event.eventType === 'incident.unacknowledged' ||
      event.eventType === 'incident.reopened'
    )
      incident.acknowledgedAt = undefined;
    await store.upsertIncidents([incident]);
    return incident.serviceId;
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
