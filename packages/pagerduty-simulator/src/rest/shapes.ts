import {
  Agent,
  Alert,
  EscalationPolicy,
  Incident,
  LogEntry,
  MaintenanceWindow,
  Priority,
  Service,
  Team,
  User,
  WebhookSubscription,
} from '../model';
import { AccountState } from '../state';

/** What a page of services needs from the incidents and maintenance windows. */
export type ServicesContext = {
  lastIncidentAt: Map<string, Date>;
  open: Map<string, { high: boolean }>;
  inMaintenance: Set<string>;
};

/** Where the simulated account's objects live (`self` and `html_url`). */
export type Urls = { api: string; web: string };

/**
 * A time as PagerDuty's REST API and webhook resources write it: to the
 * second, e.g. `2015-10-06T21:30:42Z` (only a webhook event's own
 * `occurred_at` carries milliseconds).
 */
export const iso = (d: Date | undefined) =>
  d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;

const PATHS: Record<string, [string, string]> = {
  service: ['services', 'service-directory'],
  user: ['users', 'users'],
  team: ['teams', 'teams'],
  escalation_policy: ['escalation_policies', 'escalation_policies'],
  schedule: ['schedules', 'schedules'],
  incident: ['incidents', 'incidents'],
  priority: ['priorities', 'account/incident_priorities'],
  log_entry: ['log_entries', 'log_entries'],
  maintenance_window: ['maintenance_windows', 'maintenance_windows'],
  business_service: ['business_services', 'business-services'],
};

/** Serialises the account's objects in PagerDuty's REST and webhook shapes. */
export class Shapes {
  constructor(
    private readonly state: AccountState,
    private readonly urls: Urls,
  ) {}

  ref(kind: keyof typeof PATHS, id: string, summary: string) {
    const [api, web] = PATHS[kind];
    return {
      id,
      type: `${kind}_reference`,
      summary,
      self: `${this.urls.api}/${api}/${id}`,
      html_url:
        kind === 'priority'
          ? `${this.urls.web}/${web}`
          : `${this.urls.web}/${web}/${id}`,
    };
  }

  serviceRef = (id: string) =>
    this.ref('service', id, this.state.services.get(id)?.name ?? id);
  userRef = (id: string) =>
    this.ref('user', id, this.state.users.get(id)?.name ?? id);
  teamRef = (id: string) =>
    this.ref('team', id, this.state.teams.get(id)?.name ?? id);
  policyRef = (id: string) =>
    this.ref(
      'escalation_policy',
      id,
      this.state.escalationPolicies.get(id)?.name ?? id,
    );
  scheduleRef = (id: string) =>
    this.ref('schedule', id, this.state.schedules.get(id)?.name ?? id);
  agentRef = (agent: Agent) =>
    agent.type === 'user' ? this.userRef(agent.id) : this.serviceRef(agent.id);

  /**
   * What services' shapes need from the incidents and maintenance windows,
   * read once for a whole page of services.
   */
  servicesContext(): ServicesContext {
    const lastIncidentAt = new Map<string, Date>();
    const open = new Map<string, { high: boolean }>();
    for (const incident of this.state.incidents.values()) {
      const last = lastIncidentAt.get(incident.serviceId);
      if (!last || incident.createdAt > last)
        lastIncidentAt.set(incident.serviceId, incident.createdAt);
      if (incident.status !== 'resolved') {
        const high =
          (open.get(incident.serviceId)?.high ?? false) ||
          incident.urgency === 'high';
        open.set(incident.serviceId, { high });
      }
    }
    const inMaintenance = new Set(
      this.state.ongoingMaintenance().flatMap(w => w.serviceIds),
    );
    return { lastIncidentAt, open, inMaintenance };
  }

  /** The service's status, as PagerDuty derives it from open incidents. */
  serviceStatus(
    service: Service,
    context: ServicesContext = this.servicesContext(),
  ): 'active' | 'warning' | 'critical' | 'maintenance' {
    if (context.inMaintenance.has(service.id)) return 'maintenance';
    const open = context.open.get(service.id);
    if (open?.high) return 'critical';
    if (open) return 'warning';
    return 'active';
  }

  service(
    service: Service,
    include: Set<string>,
    context: ServicesContext = this.servicesContext(),
  ) {
    const lastIncident = context.lastIncidentAt.get(service.id);
    return {
      ...this.serviceRef(service.id),
      type: 'service',
      name: service.name,
      description: service.description,
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      created_at: iso(service.createdAt),
      updated_at: iso(service.updatedAt),
      status: this.serviceStatus(service, context),
      // PagerDuty sends null before a service's first incident; the document allows only a string
      ...(lastIncident ? { last_incident_timestamp: iso(lastIncident) } : {}),
      // The specification types these as references even when expanded by include[].
      escalation_policy: include.has('escalation_policies')
        ? {
            ...this.escalationPolicy(
              this.state.escalationPolicies.get(service.escalationPolicyId)!,
              new Set(),
            ),
            type: 'escalation_policy_reference',
          }
        : this.policyRef(service.escalationPolicyId),
      teams: [
        include.has('teams')
          ? {
              ...this.team(this.state.teams.get(service.teamId)!),
              type: 'team_reference',
            }
          : this.teamRef(service.teamId),
      ],
      alert_creation: 'create_alerts_and_incidents',
      incident_urgency_rule: { type: 'constant', urgency: 'high' },
      scheduled_actions: [],
      integrations: [],
    };
  }

  team(team: Team) {
    return {
      ...this.teamRef(team.id),
      type: 'team',
      name: team.name,
      description: team.description,
    };
  }

  user(user: User) {
    return {
      ...this.userRef(user.id),
      type: 'user',
      name: user.name,
      email: user.email,
      time_zone: user.timeZone,
      color: 'purple',
      role: user.role,
      avatar_url: `https://www.gravatar.com/avatar/${user.id.toLowerCase()}?d=identicon`,
      description: '',
      invitation_sent: false,
      job_title: '',
      teams: user.teamIds.map(this.teamRef),
      contact_methods: [],
      notification_rules: [],
    };
  }

  /** Services per escalation policy; services are only added, at seeding. */
  private servicesByPolicy?: { count: number; byPolicy: Map<string, string[]> };

  private servicesOfPolicy(policyId: string): string[] {
    if (this.servicesByPolicy?.count !== this.state.services.size) {
      const byPolicy = new Map<string, string[]>();
      for (const service of this.state.services.values()) {
        const ids = byPolicy.get(service.escalationPolicyId) ?? [];
        ids.push(service.id);
        byPolicy.set(service.escalationPolicyId, ids);
      }
      this.servicesByPolicy = { count: this.state.services.size, byPolicy };
    }
    return this.servicesByPolicy.byPolicy.get(policyId) ?? [];
  }

  escalationPolicy(policy: EscalationPolicy, include: Set<string>) {
    const services = this.servicesOfPolicy(policy.id);
    return {
      ...this.policyRef(policy.id),
      type: 'escalation_policy',
      name: policy.name,
      description: `Pages ${
        this.state.teams.get(policy.teamId)?.name ?? 'the team'
      }`,
      num_loops: 0,
      on_call_handoff_notifications: 'if_has_services',
      escalation_rules: policy.rules.map(rule => ({
        id: rule.id,
        escalation_delay_in_minutes: rule.delayMinutes,
        targets: rule.targets.map(t =>
          t.type === 'user' ? this.userRef(t.id) : this.scheduleRef(t.id),
        ),
      })),
      services: services.map(this.serviceRef),
      teams: [
        include.has('teams')
          ? {
              ...this.team(this.state.teams.get(policy.teamId)!),
              type: 'team_reference',
            }
          : this.teamRef(policy.teamId),
      ],
    };
  }

  priority(priority: Priority) {
    return {
      ...this.ref('priority', priority.id, priority.name),
      type: 'priority',
      name: priority.name,
      description: priority.description,
      color: priority.color,
      order: priority.order,
    };
  }

  incident(incident: Incident, include: Set<string> = new Set()) {
    const service = this.state.services.get(incident.serviceId)!;
    const priority = incident.priorityId
      ? this.state.priorities.find(p => p.id === incident.priorityId)
      : undefined;
    const firstTrigger = incident.logEntries.find(
      e => e.type === 'trigger_log_entry',
    );
    const assignedAt =
      [...incident.logEntries].reverse().find(e => e.assigneeIds)?.createdAt ??
      incident.createdAt;
    const body: Record<string, unknown> = {
      ...this.ref(
        'incident',
        incident.id,
        `[#${incident.number}] ${incident.title}`,
      ),
      type: 'incident',
      incident_number: incident.number,
      title: incident.title,
      description: incident.title,
      created_at: iso(incident.createdAt),
      updated_at: iso(incident.updatedAt),
      status: incident.status,
      incident_key: incident.incidentKey,
      service: include.has('services')
        ? this.service(service, new Set())
        : this.serviceRef(service.id),
      assignments:
        incident.status === 'resolved'
          ? []
          : incident.assigneeIds.map(id => ({
              at: iso(assignedAt),
              assignee:
                include.has('assignees') || include.has('users')
                  ? this.user(this.state.users.get(id)!)
                  : this.userRef(id),
            })),
      assigned_via: 'escalation_policy',
      acknowledgements:
        incident.status === 'acknowledged'
          ? incident.acknowledgerIds.map(id => ({
              at: iso(incident.acknowledgedAt),
              acknowledger: include.has('acknowledgers')
                ? this.user(this.state.users.get(id)!)
                : this.userRef(id),
            }))
          : [],
      last_status_change_at: iso(incident.lastStatusChangeAt),
      last_status_change_by: this.agentRef(incident.lastStatusChangeBy),
      first_trigger_log_entry: this.firstTrigger(firstTrigger, include),
      escalation_policy: include.has('escalation_policies')
        ? this.escalationPolicy(
            this.state.escalationPolicies.get(service.escalationPolicyId)!,
            new Set(),
          )
        : this.policyRef(service.escalationPolicyId),
      teams: [
        include.has('teams')
          ? this.team(this.state.teams.get(service.teamId)!)
          : this.teamRef(service.teamId),
      ],
      pending_actions: [],
      urgency: incident.urgency,
      alert_counts: {
        all: incident.alerts.length,
        triggered: incident.alerts.filter(a => a.status === 'triggered').length,
        resolved: incident.alerts.filter(a => a.status === 'resolved').length,
      },
      is_mergeable: true,
      incidents_responders: [],
      responder_requests: [],
    };
    // PagerDuty sends null for these; the specification allows only objects, so they are left out.
    if (priority) body.priority = this.priority(priority);
    if (incident.resolvedAt) body.resolved_at = iso(incident.resolvedAt);
    // only on request, as PagerDuty does
    if (incident.conferenceBridge && include.has('conference_bridge')) {
      body.conference_bridge = {
        conference_number: incident.conferenceBridge.conferenceNumber,
        conference_url: incident.conferenceBridge.conferenceUrl,
      };
    }
    return body;
  }

  alert(alert: Alert) {
    return {
      id: alert.id,
      type: 'alert',
      summary: alert.summary,
      self: `${this.urls.api}/alerts/${alert.id}`,
      html_url: `${this.urls.web}/alerts/${alert.id}`,
      created_at: iso(alert.createdAt),
      status: alert.status,
      alert_key: alert.alertKey,
      service: this.serviceRef(alert.serviceId),
      incident: this.ref(
        'incident',
        alert.incidentId,
        this.state.incidents.get(alert.incidentId)?.title ?? '',
      ),
      suppressed: false,
      severity: alert.severity,
      body: {
        type: 'alert_body',
        contexts: [],
        details: {
          source: alert.source,
          summary: alert.summary,
          severity: alert.severity,
        },
      },
    };
  }

  private firstTrigger(entry: LogEntry | undefined, include: Set<string>) {
    if (!entry) return null;
    return include.has('first_trigger_log_entries')
      ? this.logEntry(entry)
      : this.logEntryRef(entry);
  }

  logEntryRef(entry: LogEntry) {
    return {
      ...this.ref('log_entry', entry.id, entry.summary),
      type: `${entry.type}_reference`,
    };
  }

  logEntry(entry: LogEntry) {
    const incident = this.state.incidents.get(entry.incidentId);
    const body: Record<string, unknown> = {
      ...this.ref('log_entry', entry.id, entry.summary),
      type: entry.type,
      created_at: iso(entry.createdAt),
      agent: this.agentRef(entry.agent),
      channel: { type: entry.agent.type === 'user' ? 'web_ui' : 'api' },
      service: this.serviceRef(entry.serviceId),
      incident: this.ref(
        'incident',
        entry.incidentId,
        incident ? `[#${incident.number}] ${incident.title}` : '',
      ),
      teams: [],
      contexts: [],
    };
    if (entry.assigneeIds) body.assignees = entry.assigneeIds.map(this.userRef);
    return body;
  }

  maintenanceWindow(window: MaintenanceWindow) {
    return {
      ...this.ref('maintenance_window', window.id, window.description),
      type: 'maintenance_window',
      sequence_number: window.sequenceNumber,
      start_time: iso(window.startTime),
      end_time: iso(window.endTime),
      description: window.description,
      services: window.serviceIds.map(this.serviceRef),
      teams: [],
      created_by: this.userRef(window.createdById),
    };
  }

  webhookSubscription(
    subscription: WebhookSubscription,
    revealSecret: boolean,
  ) {
    return {
      id: subscription.id,
      type: 'webhook_subscription',
      active: subscription.active,
      description: subscription.description,
      events: subscription.events,
      filter: subscription.filter,
      delivery_method: {
        id: subscription.id,
        type: 'http_delivery_method',
        url: subscription.url,
        temporarily_disabled: subscription.temporarilyDisabled,
        // PagerDuty shows the signing secret only in the response that created it.
        secret: revealSecret ? subscription.secrets[0] : null,
        custom_headers: subscription.customHeaders.map(h => ({
          name: h.name,
          value: revealSecret ? h.value : 'redacted',
        })),
      },
    };
  }

  /** An incident in the v3 webhook shape: `number` and `assignees`, not the REST names. */
  webhookIncident(incident: Incident) {
    const service = this.state.services.get(incident.serviceId)!;
    const priority = incident.priorityId
      ? this.state.priorities.find(p => p.id === incident.priorityId)
      : undefined;
    return {
      id: incident.id,
      type: 'incident',
      self: `${this.urls.api}/incidents/${incident.id}`,
      html_url: `${this.urls.web}/incidents/${incident.id}`,
      number: incident.number,
      status: incident.status,
      incident_key: incident.incidentKey,
      created_at: iso(incident.createdAt),
      title: incident.title,
      service: this.serviceRef(service.id),
      assignees:
        incident.status === 'resolved'
          ? []
          : incident.assigneeIds.map(this.userRef),
      escalation_policy: this.policyRef(service.escalationPolicyId),
      teams: [this.teamRef(service.teamId)],
      priority: priority
        ? this.ref('priority', priority.id, priority.name)
        : null,
      urgency: incident.urgency,
      conference_bridge: incident.conferenceBridge
        ? {
            conference_number: incident.conferenceBridge.conferenceNumber,
            conference_url: incident.conferenceBridge.conferenceUrl,
          }
        : null,
      resolve_reason: null,
    };
  }

  webhookService(service: Service) {
    return {
      ...this.serviceRef(service.id),
      summary: service.name,
      type: 'service',
      alert_creation: 'create_alerts_and_incidents',
      teams: [this.teamRef(service.teamId)],
    };
  }
}
