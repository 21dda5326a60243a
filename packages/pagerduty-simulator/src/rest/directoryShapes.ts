import {
  EscalationPolicy,
  MaintenanceWindow,
  Priority,
  Service,
  Team,
  User,
} from '../model';
import { iso, ReferenceShapes } from './referenceShapes';

/** What a page of services needs from the incidents and maintenance windows. */
export type ServicesContext = {
  lastIncidentAt: Map<string, Date>;
  open: Map<string, { high: boolean }>;
  inMaintenance: Set<string>;
};

/**
 * The account's directory in PagerDuty's REST shapes: services, teams, users,
 * escalation policies, priorities and maintenance windows.
 */
export class DirectoryShapes extends ReferenceShapes {
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
}
