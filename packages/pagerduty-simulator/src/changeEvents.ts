import { Random } from './random';

/** A change PagerDuty recorded for some services (a deploy, a config change). */
export type ChangeEvent = {
  /** PagerDuty's change event IDs are 26 characters, not the usual 7. */
  id: string;
  serviceIds: string[];
  integrationId: string;
  timestamp: Date;
  summary: string;
  source: string;
  customDetails: Record<string, string>;
  links: { href: string; text: string }[];
};

/** How long PagerDuty keeps change events readable (its documented 90 days). */
export const CHANGE_EVENT_RETENTION_MS = 90 * 86_400_000;
/** PagerDuty truncates a change event's summary to 1,024 characters. */
export const MAX_CHANGE_SUMMARY = 1024;

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The account's change events, newest first when listed. Like PagerDuty, it
 * forgets events older than 90 days, and gives each service's events one
 * integration (the change integration they arrived through).
 */
export class ChangeEventLog {
  private readonly events = new Map<string, ChangeEvent>();
  private readonly integrationByService = new Map<string, string>();

  constructor(
    private readonly random: Random,
    private readonly now: () => Date,
  ) {}

  record(options: {
    serviceId: string;
    summary: string;
    source: string;
    at: Date;
    customDetails?: Record<string, string>;
    links?: { href: string; text: string }[];
  }): ChangeEvent {
    const event: ChangeEvent = {
      id: this.newId(),
      serviceIds: [options.serviceId],
      integrationId: this.integrationOf(options.serviceId),
      timestamp: options.at,
      summary: options.summary.slice(0, MAX_CHANGE_SUMMARY),
      source: options.source,
      customDetails: options.customDetails ?? {},
      links: options.links ?? [],
    };
    this.events.set(event.id, event);
    return event;
  }

  get(id: string): ChangeEvent | undefined {
    const event = this.events.get(id);
    return event && this.retained(event) ? event : undefined;
  }

  /** Events in `[since, until]`, newest first, narrowed as PagerDuty's filters narrow them. */
  list(filter: {
    since?: Date;
    until?: Date;
    serviceIds?: string[];
    integrationIds?: string[];
  }): ChangeEvent[] {
    return [...this.events.values()]
      .filter(
        e =>
          this.retained(e) &&
          (!filter.since || e.timestamp >= filter.since) &&
          (!filter.until || e.timestamp <= filter.until) &&
          (!filter.serviceIds?.length ||
            e.serviceIds.some(id => filter.serviceIds!.includes(id))) &&
          (!filter.integrationIds?.length ||
            filter.integrationIds.includes(e.integrationId)),
      )
      .sort(
        (a, b) =>
          b.timestamp.getTime() - a.timestamp.getTime() ||
          b.id.localeCompare(a.id),
      );
  }

  get size(): number {
    return this.events.size;
  }

  private retained(event: ChangeEvent): boolean {
    return (
      event.timestamp.getTime() >=
      this.now().getTime() - CHANGE_EVENT_RETENTION_MS
    );
  }

  private integrationOf(serviceId: string): string {
    let id = this.integrationByService.get(serviceId);
    if (!id) {
      id = this.random.pagerDutyId();
      this.integrationByService.set(serviceId, id);
    }
    return id;
  }

  private newId(): string {
    let id = '';
    for (let i = 0; i < 26; i++) id += this.random.pick([...ID_ALPHABET]);
    return id;
  }
}
