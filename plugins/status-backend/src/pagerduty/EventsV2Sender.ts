import { PagerDutyRequestError, PagerDutyUnavailableError } from './errors';

/** An Events API v2 trigger, as PagerDuty's document describes it. */
export type EventsV2Trigger = {
  routingKey: string;
  dedupKey: string;
  summary: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  source: string;
  customDetails?: Record<string, string>;
  links?: { href: string; text: string }[];
};

/**
 * Sends triggers to PagerDuty's Events API v2 (`POST <eventsBaseUrl>/v2/enqueue`),
 * for services the portal knows only by their integration key.
 *
 * @remarks
 * Sent with Node's `fetch`, not pdjs: pdjs's `event()` builds its URL as
 * `https://<server>/v2/enqueue`, so it cannot reach a plain-HTTP endpoint
 * such as the simulator every test runs against, and its `api()` would send
 * the REST API's credentials, which the Events API neither needs nor should
 * receive. Like any write, a trigger is never sent twice on its own: its
 * dedup key makes a repeat by the reporter harmless instead.
 */
export class EventsV2Sender {
  constructor(
    private readonly options: {
      /** e.g. `https://events.pagerduty.com`. */
      eventsBaseUrl: string;
      timeoutMs?: number;
    },
  ) {}

  async trigger(event: EventsV2Trigger): Promise<{ dedupKey: string }> {
    const url = `${this.options.eventsBaseUrl.replace(/\/$/, '')}/v2/enqueue`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          routing_key: event.routingKey,
          event_action: 'trigger',
          dedup_key: event.dedupKey,
          client: 'Backstage',
          payload: {
            summary: event.summary,
            severity: event.severity,
            source: event.source,
            custom_details: event.customDetails,
          },
          links: event.links,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new PagerDutyUnavailableError(
        `PagerDuty's Events API did not answer: ${(error as Error).message}`,
        1,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      message?: string;
      errors?: unknown[];
      dedup_key?: string;
    };
    if (response.status === 202)
      return { dedupKey: body.dedup_key ?? event.dedupKey };
    if (response.status === 429 || response.status >= 500)
      throw new PagerDutyUnavailableError(
        `PagerDuty's Events API answered ${response.status}: try again in a minute`,
        1,
      );
    const errors = Array.isArray(body.errors) ? body.errors.map(String) : [];
    throw new PagerDutyRequestError(
      `PagerDuty's Events API refused the event (${response.status}): ${[
        body.message ?? 'no reason given',
        ...errors,
      ].join('; ')}`,
      response.status,
      errors,
    );
  }
}
