import { randomBytes, randomUUID } from 'node:crypto';
import { WebhookSubscription } from '../model';
import { Shapes } from '../rest/shapes';
import { AccountChange, AccountState } from '../state';
import { webhookNote, webhookStatusUpdate } from '../rest/updateShapes';
import { signatureHeader } from './signature';

/** How deliveries are retried. */
export type WebhookDeliveryOptions = {
  /** Time PagerDuty waits for a 2xx (5 s). */
  timeoutMs: number;
  /** First retry delay; doubles with each attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A webhook still failing this long after its first attempt is dropped. */
  giveUpAfterMs: number;
};

/** Rejected deliveries in a row after which a subscription is temporarily disabled. */
export const DISABLE_AFTER_FAILURES = 3;

export const defaultDeliveryOptions: WebhookDeliveryOptions = {
  timeoutMs: 5_000,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  giveUpAfterMs: 20 * 60_000,
};

/** One attempt to deliver one webhook, as recorded for the control API. */
export type DeliveryRecord = {
  webhookId: string;
  subscriptionId: string;
  eventType: string;
  resourceId: string;
  attempt: number;
  at: string;
  outcome: 'delivered' | 'retrying' | 'dropped' | 'gave_up';
  status?: number;
  error?: string;
};

type Pending = {
  webhookId: string;
  subscription: WebhookSubscription;
  change: AccountChange;
  body: string;
  firstAttemptAt?: number;
  attempt: number;
};

/**
 * Sends PagerDuty v3 webhooks for account changes: signed, retried with
 * backoff on 5xx, 429, timeouts and network errors, and delivered in order per
 * subscription and incident (a failing webhook holds back the later ones of
 * the same incident, as PagerDuty does).
 */
export class WebhookDispatcher {
  private readonly queues = new Map<string, Pending[]>();
  private readonly running = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  readonly deliveries: DeliveryRecord[] = [];
  private closed = false;

  constructor(
    private readonly state: AccountState,
    private readonly shapes: Shapes,
    private readonly options: {
      delivery: WebhookDeliveryOptions;
      delayMs: () => number;
      log: (message: string) => void;
    },
  ) {
    state.changes.on('change', (change: AccountChange) => this.enqueue(change));
  }

  /** Registers a subscription; its first signing secret is returned once, on creation. */
  subscribe(input: {
    url: string;
    events: string[];
    filter: WebhookSubscription['filter'];
    description?: string;
    customHeaders?: { name: string; value: string }[];
    active?: boolean;
  }): WebhookSubscription {
    const subscription: WebhookSubscription = {
      id: this.state.random.pagerDutyId(),
      url: input.url,
      events: input.events,
      filter: input.filter,
      description: input.description ?? '',
      customHeaders: input.customHeaders ?? [],
      secrets: [randomBytes(32).toString('base64')],
      active: input.active ?? true,
      temporarilyDisabled: false,
      consecutiveFailures: 0,
    };
    this.state.webhookSubscriptions.set(subscription.id, subscription);
    return subscription;
  }

  /** Starts a secret rotation: deliveries carry both signatures until it finishes. */
  rotateSecret(subscriptionId: string): string {
    const subscription = this.state.webhookSubscriptions.get(subscriptionId);
    if (!subscription)
      throw new Error(`No webhook subscription ${subscriptionId}`);
    const secret = randomBytes(32).toString('base64');
    subscription.secrets = [secret, subscription.secrets[0]];
    return secret;
  }

  finishRotation(subscriptionId: string): void {
    const subscription = this.state.webhookSubscriptions.get(subscriptionId);
    if (!subscription)
      throw new Error(`No webhook subscription ${subscriptionId}`);
    subscription.secrets = subscription.secrets.slice(0, 1);
  }

  /** Counts a rejected delivery; repeated ones disable the subscription until it is enabled again. */
  private failed(subscription: WebhookSubscription) {
    subscription.consecutiveFailures += 1;
    if (
      subscription.consecutiveFailures >= DISABLE_AFTER_FAILURES &&
      !subscription.temporarilyDisabled
    ) {
      subscription.temporarilyDisabled = true;
      this.options.log(
        `webhook subscription ${subscription.id} temporarily disabled after ${subscription.consecutiveFailures} rejected deliveries`,
      );
      // what was queued for it is not sent (the head is in flight; its drain removes it)
      for (const queue of this.queues.values()) {
        for (let i = queue.length - 1; i > 0; i--) {
          if (queue[i].subscription.id === subscription.id) queue.splice(i, 1);
        }
      }
    }
  }

  /** Enables a temporarily disabled subscription (`POST /webhook_subscriptions/{id}/enable`). */
  enable(subscriptionId: string): WebhookSubscription | undefined {
    const subscription = this.state.webhookSubscriptions.get(subscriptionId);
    if (!subscription) return undefined;
    subscription.temporarilyDisabled = false;
    subscription.consecutiveFailures = 0;
    return subscription;
  }

  /** Webhooks waiting or being retried. */
  pendingCount(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const abort of this.aborts) abort.abort();
    this.queues.clear();
  }

  private matches(
    subscription: WebhookSubscription,
    change: AccountChange,
  ): boolean {
    if (
      !subscription.active ||
      subscription.temporarilyDisabled ||
      !subscription.events.includes(change.eventType)
    )
      return false;
    const { filter } = subscription;
    if (filter.type === 'account_reference') return true;
    const serviceId =
      change.resourceType === 'service'
        ? change.resourceId
        : this.state.incidents.get(change.resourceId)?.serviceId;
    const service = serviceId ? this.state.services.get(serviceId) : undefined;
    if (filter.type === 'service_reference') return service?.id === filter.id;
    return service?.teamId === filter.id;
  }

  private data(change: AccountChange) {
    if (change.resourceType === 'service')
      return this.shapes.webhookService(
        this.state.services.get(change.resourceId)!,
      );
    const incident = this.state.incidents.get(change.resourceId)!;
    if (change.detail?.kind === 'note')
      return webhookNote(
        this.shapes,
        incident,
        incident.notes!.find(n => n.id === change.detail!.id)!,
      );
    if (change.detail?.kind === 'status_update')
      return webhookStatusUpdate(
        this.shapes,
        incident,
        incident.statusUpdates!.find(u => u.id === change.detail!.id)!,
      );
    return this.shapes.webhookIncident(incident);
  }

  private envelope(change: AccountChange) {
    const data = this.data(change);
    return {
      event: {
        id: randomUUID(),
        event_type: change.eventType,
        resource_type: change.resourceType,
        occurred_at: change.occurredAt.toISOString(),
        agent: change.agent ? this.shapes.agentRef(change.agent) : null,
        client: change.agent?.type === 'user' ? { name: 'PagerDuty' } : null,
        data,
      },
    };
  }

  private enqueue(change: AccountChange) {
    if (this.closed) return;
    for (const subscription of this.state.webhookSubscriptions.values()) {
      if (!this.matches(subscription, change)) continue;
      // The body is fixed when the change happens: a retry resends the same bytes.
      const body = JSON.stringify(this.envelope(change));
      const key = `${subscription.id}:${change.resourceType}:${change.resourceId}`;
      const queue = this.queues.get(key) ?? [];
      queue.push({
        webhookId: randomUUID(),
        subscription,
        change,
        body,
        attempt: 0,
      });
      this.queues.set(key, queue);
      this.drain(key);
    }
  }

  private later(fn: () => void, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private record(
    p: Pending,
    outcome: DeliveryRecord['outcome'],
    status?: number,
    error?: string,
  ) {
    this.deliveries.push({
      webhookId: p.webhookId,
      subscriptionId: p.subscription.id,
      eventType: p.change.eventType,
      resourceId: p.change.resourceId,
      attempt: p.attempt,
      at: new Date().toISOString(),
      outcome,
      status,
      error,
    });
    if (this.deliveries.length > 1000)
      this.deliveries.splice(0, this.deliveries.length - 1000);
  }

  private drain(key: string) {
    if (this.running.has(key) || this.closed) return;
    const queue = this.queues.get(key);
    const head = queue?.[0];
    if (!head) {
      this.queues.delete(key);
      return;
    }
    this.running.add(key);
    const delay = this.options.delayMs();
    const attempt = () =>
      this.attempt(head).then(done => {
        this.running.delete(key);
        if (done) {
          queue!.shift();
          this.drain(key);
        } else {
          const { baseDelayMs, maxDelayMs } = this.options.delivery;
          const backoff = Math.min(
            baseDelayMs * 2 ** (head.attempt - 1),
            maxDelayMs,
          );
          this.later(() => this.drain(key), backoff);
        }
      });
    if (delay > 0) this.later(attempt, delay);
    else attempt();
  }

  /** One attempt; true when the webhook is finished with (delivered or dropped). */
  private async attempt(p: Pending): Promise<boolean> {
    p.attempt += 1;
    p.firstAttemptAt ??= Date.now();
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(
      () => abort.abort(),
      this.options.delivery.timeoutMs,
    );
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(p.subscription.url, {
        method: 'POST',
        body: p.body,
        signal: abort.signal,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'PagerDuty-Webhook/V3.0',
          'X-PagerDuty-Signature': signatureHeader(
            p.body,
            p.subscription.secrets,
          ),
          'X-Webhook-Id': p.webhookId,
          'X-Webhook-Subscription': p.subscription.id,
          ...Object.fromEntries(
            p.subscription.customHeaders.map(h => [h.name, h.value]),
          ),
        },
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = abort.signal.aborted
        ? 'timeout'
        : String((e as Error).cause ?? e);
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    if (this.closed) return true;
    if (status !== undefined && status >= 200 && status < 300) {
      this.record(p, 'delivered', status);
      p.subscription.consecutiveFailures = 0;
      return true;
    }
    const retryable = status === undefined || status >= 500 || status === 429;
    if (!retryable) {
      this.record(p, 'dropped', status);
      this.options.log(
        `webhook ${p.webhookId} to ${p.subscription.url} dropped: HTTP ${status}`,
      );
      this.failed(p.subscription);
      return true;
    }
    if (Date.now() - p.firstAttemptAt >= this.options.delivery.giveUpAfterMs) {
      this.record(p, 'gave_up', status, error);
      this.options.log(
        `webhook ${p.webhookId} to ${p.subscription.url} given up after ${p.attempt} attempts`,
      );
      this.failed(p.subscription);
      return true;
    }
    this.record(p, 'retrying', status, error);
    return false;
  }
}
