import { Agent } from '../model';
import { AccountState } from '../state';

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

/**
 * References to the account's objects, as PagerDuty writes them inside other
 * objects: id, type, summary, `self` and `html_url`.
 */
export class ReferenceShapes {
  constructor(
    protected readonly state: AccountState,
    protected readonly urls: Urls,
  ) {}

  /** An object's `self`, from its path under the API. */
  selfOf(path: string): string {
    return `${this.urls.api}/${path}`;
  }

  /** A page of the web app, from its path. */
  webOf(path: string): string {
    return `${this.urls.web}/${path}`;
  }

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
}
