import { Agent, Incident, LogEntry, LogEntryType, Urgency } from '../model';
import { AccountReads } from './AccountReads';
import { InvalidTransitionError, UnknownObjectError } from './errors';

/**
 * The incidents' lifecycle: triggered, acknowledged, escalated, reassigned,
 * resolved and reopened, each logged on the incident and announced.
 */
export class IncidentChanges extends AccountReads {
  private nextIncidentNumber = 1;

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

  /** Creates an incident as an integration would, assigned to level 1 on call. */
  trigger(options: {
    service: string;
    title: string;
    urgency?: Urgency;
    priority?: string;
    at?: Date;
    withConferenceBridge?: boolean;
    silent?: boolean;
    /** The user who opened it (`POST /incidents` with `From`); else an integration did. */
    createdBy?: string;
    /** What they wrote (`body.details`). */
    details?: string;
    /** PagerDuty's deduplication key; a random one when absent. */
    incidentKey?: string;
  }): Incident {
    const service = this.service(options.service);
    const at = options.at ?? this.now();
    const opener: Agent = options.createdBy
      ? { type: 'user', id: options.createdBy }
      : { type: 'service', id: service.id };
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
      incidentKey: options.incidentKey ?? this.random.hex(32),
      createdAt: at,
      updatedAt: at,
      lastStatusChangeAt: at,
      lastStatusChangeBy: opener,
      details: options.details,
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
      opener,
      options.createdBy
        ? `Triggered by ${this.userName(options.createdBy)}.`
        : `Triggered through the API.`,
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
        agent: opener,
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

  /** Resolves every open incident (the `calm` scenario). */
  resolveAll(): Incident[] {
    return this.openIncidents().map(incident => this.resolve(incident.id));
  }
}
