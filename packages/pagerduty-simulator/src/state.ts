import { EventEmitter } from 'node:events';
import {
  Agent,
  BusinessService,
  EscalationPolicy,
  Incident,
  LogEntry,
  LogEntryType,
  MaintenanceWindow,
  Priority,
  Schedule,
  Service,
  ServiceDependency,
  Team,
  Urgency,
  User,
  WebhookSubscription,
} from './model';
import { Random } from './random';
import { ChangeEvent, ChangeEventLog } from './changeEvents';

/** A change PagerDuty would announce with a v3 webhook. */
export type AccountChange = {
  eventType: string;
  resourceType: 'incident' | 'service';
  resourceId: string;
  occurredAt: Date;
  agent?: Agent;
  /** What an `incident.annotated` or `incident.status_update_published` event carries instead of the incident. */
  detail?: { kind: 'note' | 'status_update'; id: string };
};

/** Raised for a request naming something the account does not have. */
export class UnknownObjectError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} ${id}`);
    this.name = 'UnknownObjectError';
  }
}

/** Raised for a change that PagerDuty would refuse in the object's state. */
export class InvalidTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

/**
 * The in-memory state of the simulated PagerDuty account, and every change
 * the control API and scenarios can make to it. Each change is emitted as an
 * `AccountChange` on `changes`, from which webhooks are sent.
 */
export class AccountState {
  readonly teams = new Map<string, Team>();
  readonly users = new Map<string, User>();
  readonly schedules = new Map<string, Schedule>();
  readonly escalationPolicies = new Map<string, EscalationPolicy>();
  readonly services = new Map<string, Service>();
  readonly priorities: Priority[] = [];
  readonly incidents = new Map<string, Incident>();
  readonly maintenanceWindows = new Map<string, MaintenanceWindow>();
  readonly webhookSubscriptions = new Map<string, WebhookSubscription>();
  readonly businessServices = new Map<string, BusinessService>();
  /** PagerDuty's service graph: which service needs which (see `seed/seedDependencies.ts`). */
  readonly serviceDependencies: ServiceDependency[] = [];
  readonly changes = new EventEmitter();
  /** Deploys and other changes, as the Events API's change events record them. */
  readonly changeEvents: ChangeEventLog;
  private nextIncidentNumber = 1;
  private nextMaintenanceNumber = 1;

  constructor(readonly random: Random, readonly now: () => Date) {
    this.changeEvents = new ChangeEventLog(random, now);
  }

  // ---- reads ---------------------------------------------------------------

  service(idOrEntityName: string): Service {
    const byId = this.services.get(idOrEntityName);
    if (byId) return byId;
    for (const service of this.services.values()) {
      if (
        service.entityName === idOrEntityName ||
        service.name === idOrEntityName
      ) {
        return service;
      }
    }
    throw new UnknownObjectError('service', idOrEntityName);
  }

  incident(idOrNumber: string): Incident {
    const byId = this.incidents.get(idOrNumber);
    if (byId) return byId;
    const number = Number(idOrNumber);
    for (const incident of this.incidents.values()) {
      if (incident.number === number) return incident;
    }
    throw new UnknownObjectError('incident', idOrNumber);
  }

  priorityByName(name: string): Priority {
    const priority = this.priorities.find(
      p => p.name.toLowerCase() === name.toLowerCase(),
    );
    if (!priority) throw new UnknownObjectError('priority', name);
    return priority;
  }

  /** Who is on call now for each level of a policy (level 1 first). */
  onCallNow(policy: EscalationPolicy, at: Date = this.now()) {
    return policy.rules.map((rule, index) => {
      const target = rule.targets[0];
      if (target.type === 'user') {
        return {
          level: index + 1,
          rule,
          userId: target.id,
          schedule: undefined,
          start: undefined,
          end: undefined,
        };
      }
      const schedule = this.schedules.get(target.id)!;
      const shiftMs = schedule.shiftHours * 3600_000;
      const elapsed = at.getTime() - schedule.rotationStart.getTime();
      const shift = Math.floor(elapsed / shiftMs);
      const index2 =
        ((shift % schedule.userIds.length) + schedule.userIds.length) %
        schedule.userIds.length;
      const start = new Date(
        schedule.rotationStart.getTime() + shift * shiftMs,
      );
      return {
        level: index + 1,
        rule,
        userId: schedule.userIds[index2],
        schedule,
        start,
        end: new Date(start.getTime() + shiftMs),
      };
    });
  }

  openIncidents(): Incident[] {
    return [...this.incidents.values()].filter(i => i.status !== 'resolved');
  }

  ongoingMaintenance(at: Date = this.now()): MaintenanceWindow[] {
    return [...this.maintenanceWindows.values()].filter(
      w => w.startTime <= at && w.endTime > at,
    );
  }

  // ---- changes ---------------------------------------------------------------

  private emit(
    change: Omit<AccountChange, 'occurredAt'> & { occurredAt?: Date },
  ) {
    this.changes.emit('change', { occurredAt: this.now(), ...change });
  }

  /** Announces a change made outside this class (notes, status updates: see incidentUpdates.ts). */
  announce(change: AccountChange) {
    this.emit(change);
  }

  private log(
    incident: Incident,
    type: LogEntryType,
    agent: Agent,
    summary: string,
    at: Date,
    assigneeIds?: string[],
  ) {
    const entry: LogEntry = {
      id: this.random.pagerDutyId(),
      type,
      createdAt: at,
      incidentId: incident.id,
      serviceId: incident.serviceId,
      agent,
      summary,
      assigneeIds,
    };
    incident.logEntries.push(entry);
  }

  private userName(id: string) {
    return this.users.get(id)?.name ?? id;
  }

  /** Creates an incident as an integration would, assigned to level 1 on call. */
  trigger(options: {
    service: string;
    title: string;
    urgency?: Urgency;
    priority?: string;
    at?: Date;
    withConferenceBridge?: boolean;
    silent?: boolean;
  }): Incident {
    const service = this.service(options.service);
    const at = options.at ?? this.now();
    const policy = this.escalationPolicies.get(service.escalationPolicyId)!;
    const assignee = this.onCallNow(policy, at)[0].userId;
    const id = this.random.pagerDutyId();
    const incident: Incident = {
      id,
      number: this.nextIncidentNumber++,
      title: options.title,
      serviceId: service.id,
      status: 'triggered',
      urgency: options.urgency ?? 'high',
      priorityId: options.priority
        ? this.priorityByName(options.priority).id
        : undefined,
      incidentKey: this.random.hex(32),
      createdAt: at,
      updatedAt: at,
      lastStatusChangeAt: at,
      lastStatusChangeBy: { type: 'service', id: service.id },
      acknowledgerIds: [],
      escalationLevel: 1,
      assigneeIds: [assignee],
      conferenceBridge: options.withConferenceBridge
        ? {
            conferenceNumber: `+1 555 0100 ${String(
              this.nextIncidentNumber,
            ).padStart(4, '0')}#`,
            conferenceUrl: `https://meet.example.com/incident-${id.toLowerCase()}`,
          }
        : undefined,
      alerts: [],
      logEntries: [],
    };
    incident.alerts.push({
      id: this.random.pagerDutyId(),
      incidentId: id,
      serviceId: service.id,
      summary: options.title,
      severity: incident.urgency === 'high' ? 'critical' : 'warning',
      status: 'triggered',
      alertKey: incident.incidentKey,
      createdAt: at,
      source: `${service.name}.monitoring`,
    });
    this.incidents.set(id, incident);
    this.log(
      incident,
      'trigger_log_entry',
      { type: 'service', id: service.id },
      `Triggered through the API.`,
      at,
    );
    this.log(
      incident,
      'assign_log_entry',
      { type: 'service', id: service.id },
      `Assigned to ${this.userName(assignee)}.`,
      at,
      [assignee],
    );
    if (!options.silent) {
      this.emit({
        eventType: 'incident.triggered',
        resourceType: 'incident',
        resourceId: id,
        occurredAt: at,
        agent: { type: 'service', id: service.id },
      });
    }
    return incident;
  }

  private agentUser(incident: Incident, userId?: string): Agent {
    return { type: 'user', id: userId ?? incident.assigneeIds[0] };
  }

  acknowledge(
    id: string,
    options: { userId?: string; at?: Date; silent?: boolean } = {},
  ): Incident {
    const incident = this.incident(id);
    if (incident.status === 'resolved') {
      throw new InvalidTransitionError(
        `Incident ${incident.id} is resolved and cannot be acknowledged`,
      );
    }
    const at = options.at ?? this.now();
    const agent = this.agentUser(incident, options.userId);
    incident.status = 'acknowledged';
    incident.acknowledgedAt ??= at;
    if (!incident.acknowledgerIds.includes(agent.id))
      incident.acknowledgerIds.push(agent.id);
    this.touch(incident, at, agent);
    this.log(
      incident,
      'acknowledge_log_entry',
      agent,
      `Acknowledged by ${this.userName(agent.id)}.`,
      at,
    );
    if (!options.silent)
      this.emit({
        eventType: 'incident.acknowledged',
        resourceType: 'incident',
        resourceId: incident.id,
        occurredAt: at,
        agent,
      });
    return incident;
  }

  unacknowledge(id: string): Incident {
    const incident = this.incident(id);
    if (incident.status !== 'acknowledged') {
      throw new InvalidTransitionError(
        `Incident ${incident.id} is ${incident.status}, not acknowledged`,
      );
    }
    const at = this.now();
    incident.status = 'triggered';
    incident.acknowledgerIds = [];
    this.touch(incident, at, { type: 'service', id: incident.serviceId });
    this.log(
      incident,
      'unacknowledge_log_entry',
      { type: 'service', id: incident.serviceId },
      'Unacknowledged: the acknowledgement timed out.',
      at,
    );
    this.emit({
      eventType: 'incident.unacknowledged',
      resourceType: 'incident',
      resourceId: incident.id,
      occurredAt: at,
    });
    return incident;
  }

  /** Escalates to the next level of the policy (PagerDuty wraps after the last level). */
  escalate(id: string): Incident {
    const incident = this.incident(id);
    if (incident.status === 'resolved') {
      throw new InvalidTransitionError(
        `Incident ${incident.id} is resolved and cannot be escalated`,
      );
    }
    const at = this.now();
    const service = this.services.get(incident.serviceId)!;
    const levels = this.onCallNow(
      this.escalationPolicies.get(service.escalationPolicyId)!,
      at,
    );
    incident.escalationLevel = (incident.escalationLevel % levels.length) + 1;
    const assignee = levels[incident.escalationLevel - 1].userId;
    incident.assigneeIds = [assignee];
    incident.status = 'triggered';
    incident.acknowledgerIds = [];
    this.touch(incident, at, { type: 'service', id: incident.serviceId });
    this.log(
      incident,
      'escalate_log_entry',
      { type: 'service', id: incident.serviceId },
      `Escalated to level ${incident.escalationLevel}: ${this.userName(
        assignee,
      )}.`,
      at,
      [assignee],
    );
    this.emit({
      eventType: 'incident.escalated',
      resourceType: 'incident',
      resourceId: incident.id,
      occurredAt: at,
    });
    return incident;
  }

  reassign(id: string, userIds: string[]): Incident {
    const incident = this.incident(id);
    for (const userId of userIds) {
      if (!this.users.has(userId)) throw new UnknownObjectError('user', userId);
    }
    const at = this.now();
    incident.assigneeIds = [...userIds];
    const agent = this.agentUser(incident);
    this.touch(incident, at, agent);
    this.log(
      incident,
      'assign_log_entry',
      agent,
      `Reassigned to ${userIds.map(u => this.userName(u)).join(', ')}.`,
      at,
      userIds,
    );
    this.emit({
      eventType: 'incident.reassigned',
      resourceType: 'incident',
      resourceId: incident.id,
      occurredAt: at,
      agent,
    });
    return incident;
  }

  setPriority(id: string, priorityName: string | null): Incident {
    const incident = this.incident(id);
    const at = this.now();
    incident.priorityId = priorityName
      ? this.priorityByName(priorityName).id
      : undefined;
    incident.updatedAt = at;
    this.emit({
      eventType: 'incident.priority_updated',
      resourceType: 'incident',
      resourceId: incident.id,
      occurredAt: at,
      agent: this.agentUser(incident),
    });
    return incident;
  }

  resolve(
    id: string,
    options: { userId?: string; at?: Date; silent?: boolean } = {},
  ): Incident {
    const incident = this.incident(id);
    if (incident.status === 'resolved') {
      return incident;
    }
    const at = options.at ?? this.now();
    const agent = this.agentUser(incident, options.userId);
    incident.status = 'resolved';
    incident.resolvedAt = at;
    for (const alert of incident.alerts) alert.status = 'resolved';
    this.touch(incident, at, agent);
    this.log(
      incident,
      'resolve_log_entry',
      agent,
      `Resolved by ${this.userName(agent.id)}.`,
      at,
    );
    if (!options.silent)
      this.emit({
        eventType: 'incident.resolved',
        resourceType: 'incident',
        resourceId: incident.id,
        occurredAt: at,
        agent,
      });
    return incident;
  }

  reopen(id: string): Incident {
    const incident = this.incident(id);
    if (incident.status !== 'resolved') {
      throw new InvalidTransitionError(
        `Incident ${incident.id} is ${incident.status}, not resolved`,
      );
    }
    const at = this.now();
    incident.status = 'triggered';
    incident.resolvedAt = undefined;
    incident.acknowledgerIds = [];
    for (const alert of incident.alerts) alert.status = 'triggered';
    const agent = this.agentUser(incident);
    this.touch(incident, at, agent);
    this.log(incident, 'trigger_log_entry', agent, 'Reopened.', at);
    this.emit({
      eventType: 'incident.reopened',
      resourceType: 'incident',
      resourceId: incident.id,
      occurredAt: at,
      agent,
    });
    return incident;
  }

  private touch(incident: Incident, at: Date, agent: Agent) {
    incident.updatedAt = at;
    incident.lastStatusChangeAt = at;
    incident.lastStatusChangeBy = agent;
  }

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

  /** Resolves every open incident (the `calm` scenario). */
  resolveAll(): Incident[] {
    return this.openIncidents().map(incident => this.resolve(incident.id));
  }
}
