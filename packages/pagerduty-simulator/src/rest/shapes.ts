import {
  Alert,
  Incident,
  LogEntry,
  Service,
  WebhookSubscription,
} from '../model';
import { DirectoryShapes } from './directoryShapes';
import { iso } from './referenceShapes';

export { iso } from './referenceShapes';
export type { Urls } from './referenceShapes';
export type { ServicesContext } from './directoryShapes';

/** Serialises the account's objects in PagerDuty's REST and webhook shapes. */
/** How an action reached PagerDuty: a note, the web UI for people, the API for services. */
function channelOf(entry: LogEntry): string {
  if (entry.type === 'annotate_log_entry') return 'note';
  return entry.agent.type === 'user' ? 'web_ui' : 'api';
}

export class Shapes extends DirectoryShapes {
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
      channel: { type: channelOf(entry) },
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
    if (entry.note !== undefined) body.note = entry.note;
    return body;
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
