/** Internal state of the simulated PagerDuty account. */

export type Urgency = 'high' | 'low';
export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

export type Team = { id: string; name: string; description: string };

export type User = {
  id: string;
  name: string;
  email: string;
  teamIds: string[];
  role: 'admin' | 'user' | 'limited_user';
  timeZone: string;
};

/** A weekly rotation over the members of a team. */
export type Schedule = {
  id: string;
  name: string;
  teamId: string;
  userIds: string[];
  rotationStart: Date;
  shiftHours: number;
};

export type EscalationRule = {
  id: string;
  delayMinutes: number;
  targets: { type: 'schedule' | 'user'; id: string }[];
};

export type EscalationPolicy = {
  id: string;
  name: string;
  teamId: string;
  rules: EscalationRule[];
};

export type Service = {
  id: string;
  name: string;
  description: string;
  teamId: string;
  escalationPolicyId: string;
  createdAt: Date;
  updatedAt: Date;
  /** The catalog entity this service was seeded from, when any. */
  entityName?: string;
  /** The routing key of its Events API v2 integration. */
  integrationKey: string;
};

export type Priority = {
  id: string;
  name: string;
  description: string;
  order: number;
  color: string;
};

export type Agent = { type: 'user' | 'service'; id: string };

export type LogEntryType =
  | 'trigger_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'escalate_log_entry'
  | 'assign_log_entry'
  | 'resolve_log_entry'
  | 'annotate_log_entry';

export type LogEntry = {
  id: string;
  type: LogEntryType;
  createdAt: Date;
  incidentId: string;
  serviceId: string;
  agent: Agent;
  summary: string;
  assigneeIds?: string[];
  /** The note an `annotate_log_entry` records. */
  note?: string;
};

export type Alert = {
  id: string;
  incidentId: string;
  serviceId: string;
  summary: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  status: 'triggered' | 'resolved';
  alertKey: string;
  createdAt: Date;
  source: string;
};

export type Incident = {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  status: IncidentStatus;
  urgency: Urgency;
  priorityId?: string;
  incidentKey: string;
  createdAt: Date;
  updatedAt: Date;
  lastStatusChangeAt: Date;
  lastStatusChangeBy: Agent;
  acknowledgedAt?: Date;
  acknowledgerIds: string[];
  resolvedAt?: Date;
  escalationLevel: number;
  assigneeIds: string[];
  conferenceBridge?: { conferenceNumber: string; conferenceUrl: string };
  alerts: Alert[];
  logEntries: LogEntry[];
  /** Notes responders added, oldest first. */
  notes?: IncidentNote[];
  /** The details a person wrote when opening it (`body.details`). */
  details?: string;
  /** Status updates published to stakeholders, oldest first. */
  statusUpdates?: IncidentStatusUpdate[];
};

/** A note on an incident (`POST /incidents/{id}/notes`). */
export type IncidentNote = {
  id: string;
  content: string;
  userId: string;
  createdAt: Date;
};

/** A status update published on an incident (`POST /incidents/{id}/status_updates`). */
export type IncidentStatusUpdate = {
  id: string;
  message: string;
  senderId: string;
  createdAt: Date;
};

export type MaintenanceWindow = {
  id: string;
  sequenceNumber: number;
  startTime: Date;
  endTime: Date;
  description: string;
  serviceIds: string[];
  createdById: string;
};

export type WebhookSubscription = {
  id: string;
  url: string;
  description: string;
  events: string[];
  filter: {
    type: 'account_reference' | 'service_reference' | 'team_reference';
    id?: string;
  };
  customHeaders: { name: string; value: string }[];
  /** Signing secrets, newest first; two while a secret rotates. */
  secrets: string[];
  active: boolean;
  /**
   * Set by PagerDuty after repeated rejected deliveries; only
   * `POST /webhook_subscriptions/{id}/enable` clears it.
   */
  temporarilyDisabled: boolean;
  /** Deliveries rejected in a row (4xx, or given up after retries). */
  consecutiveFailures: number;
};

/** A business service: a capability several technical services support (`GET /business_services`). */
export type BusinessService = {
  id: string;
  name: string;
  description: string;
  pointOfContact: string;
  teamId?: string;
};

/** One end of a service dependency: a technical service or a business service. */
export type DependencyEnd = {
  id: string;
  kind: 'technical_service' | 'business_service';
};

/**
 * `dependent` needs `supporting` in PagerDuty's service graph
 * (`/service_dependencies/...`).
 */
export type ServiceDependency = {
  id: string;
  dependent: DependencyEnd;
  supporting: DependencyEnd;
};
