import { MaintenanceWindow, Service } from './model';
import { ChangeEvent } from './changeEvents';
import { IncidentChanges } from './account/IncidentChanges';
import { StatusPages } from './statusPages';

export { InvalidTransitionError, UnknownObjectError } from './account/errors';
export type { AccountChange } from './account/errors';

/**
 * The in-memory state of the simulated PagerDuty account, and every change
 * the control API and scenarios can make to it. Each change is emitted as an
 * `AccountChange` on `changes`, from which webhooks are sent.
 */
export class AccountState extends IncidentChanges {
  private nextMaintenanceNumber = 1;
  /** The account's status pages and their posts. */
  readonly statusPages = new StatusPages(() => this.now());

  startMaintenance(options: {
    services: string[];
    minutes: number;
    description?: string;
    at?: Date;
  }): MaintenanceWindow {
    const serviceIds = options.services.map(s => this.service(s).id);
    const start = options.at ?? this.now();
    const window: MaintenanceWindow = {
      id: this.random.pagerDutyId(),
      sequenceNumber: this.nextMaintenanceNumber++,
      startTime: start,
      endTime: new Date(start.getTime() + options.minutes * 60_000),
      description: options.description ?? 'Planned maintenance',
      serviceIds,
      createdById: [...this.users.keys()][0],
    };
    this.maintenanceWindows.set(window.id, window);
    return window;
  }

  /** Records a change (a deploy, a config change) on a service, by ID or entity name. */
  recordChange(options: {
    service: string;
    summary: string;
    source?: string;
    at?: Date;
    customDetails?: Record<string, string>;
    links?: { href: string; text: string }[];
  }): ChangeEvent {
    const service = this.service(options.service);
    return this.changeEvents.record({
      serviceId: service.id,
      summary: options.summary,
      source: options.source ?? `${service.entityName ?? service.id}-pipeline`,
      at: options.at ?? this.now(),
      customDetails: options.customDetails,
      links: options.links,
    });
  }

  /** Ends an ongoing maintenance window now (by window ID or service). */
  endMaintenance(idOrService: string): MaintenanceWindow[] {
    const now = this.now();
    let windows = this.maintenanceWindows.has(idOrService)
      ? [this.maintenanceWindows.get(idOrService)!]
      : undefined;
    if (!windows) {
      const serviceId = this.service(idOrService).id;
      windows = this.ongoingMaintenance(now).filter(w =>
        w.serviceIds.includes(serviceId),
      );
    }
    for (const window of windows) {
      if (window.endTime > now) window.endTime = now;
    }
    return windows;
  }

  updateService(
    idOrEntityName: string,
    patch: { name?: string; description?: string },
  ): Service {
    const service = this.service(idOrEntityName);
    Object.assign(service, patch, { updatedAt: this.now() });
    this.emit({
      eventType: 'service.updated',
      resourceType: 'service',
      resourceId: service.id,
    });
    return service;
  }
}
