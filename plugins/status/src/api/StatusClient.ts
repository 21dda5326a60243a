import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityStatus,
  EntityStatusConfiguration,
  StatusBackendHealth,
  StatusAlertSource,
  StatusDependencyCoverage,
  StatusUnmatchedAlerts,
  StatusFeedIncident,
  StatusHistory,
  StatusChanges,
  StatusEntityLevels,
  StatusSimilarIncidents,
  StatusIncidentTimeline,
  StatusMajorIncidents,
  StatusTeamResponse,
  StatusMaintenance,
  StatusResponse,
  StatusRollup,
  StatusTransitionsPage,
  StatusSummary,
  toPageSearch,
  toSummarySearch,
  StatusPageQuery,
  StatusProblemsPage,
  StatusSummaryRows,
  StatusPublicLinks,
  StatusSubscription,
  StatusSubscriptions,
  StatusCoverage,
  StatusCoverageQuery,
  StatusReportRequest,
  StatusReportResult,
  StatusReportTarget,
  StatusObjectiveReport,
  StatusRollupObjectives,
} from '@status-layer/plugin-status-common';
import {
  StatusApi,
  StatusServiceMapping,
  StatusSummaryQuery,
  StatusSummaryRowsQuery,
} from './StatusApi';

/** Query string parts joined, with `?` when there are any. */
const searchOf = (...parts: string[]) => {
  const search = parts.filter(Boolean).join('&');
  return search ? `?${search}` : '';
};

/** `kind/namespace/name` of an entity ref, each part URL-encoded. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/');
}

/** `/incidents/<account>/<id>`, each part URL-encoded. */
const incidentPath = (account: string, incidentId: string) =>
  `/incidents/${encodeURIComponent(account)}/${encodeURIComponent(incidentId)}`;

/**
 * {@link StatusApi} over HTTP, with the signed-in user's credentials.
 *
 * @public
 */
export class StatusClient implements StatusApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<StatusBackendHealth> {
    const response = await this.fetch('/health');
    // A backend that is up but not ready answers 503 with its health report
    if (response.ok || response.status === 503) {
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (body && typeof body.status === 'string' && 'database' in body) {
        return body as StatusBackendHealth;
      }
    }
    throw await ResponseError.fromResponse(response);
  }

  async getEntityConfiguration(
    entityRef: string,
  ): Promise<EntityStatusConfiguration> {
    return this.get<EntityStatusConfiguration>(
      `/entity-configuration?entityRef=${encodeURIComponent(entityRef)}`,
    );
  }

  async getEntityStatus(entityRef: string): Promise<EntityStatus> {
    return this.get<EntityStatus>(`/entities/${entityPath(entityRef)}`);
  }

  async getRollup(entityRef: string): Promise<StatusRollup> {
    return this.get<StatusRollup>(`/rollups/${entityPath(entityRef)}`);
  }

  async getEntityHistory(
    entityRef: string,
    days?: number,
  ): Promise<StatusHistory> {
    return this.get<StatusHistory>(
      `/entities/${entityPath(entityRef)}/history${searchOf(
        days ? `days=${days}` : '',
      )}`,
    );
  }

  async getResponse(
    entityRef: string,
    rollup?: boolean,
  ): Promise<StatusResponse> {
    return this.get<StatusResponse>(
      `/${rollup ? 'rollups' : 'entities'}/${entityPath(entityRef)}/response`,
    );
  }

  async getChanges(entityRef: string, hours?: number): Promise<StatusChanges> {
    return this.get<StatusChanges>(
      `/entities/${entityPath(entityRef)}/changes${searchOf(
        hours ? `hours=${hours}` : '',
      )}`,
    );
  }

  async getTeamResponse(days: 7 | 30 | 90): Promise<StatusTeamResponse> {
    return this.get<StatusTeamResponse>(`/response/teams?days=${days}`);
  }

  async getSimilarIncidents(
    entityRef: string,
  ): Promise<StatusSimilarIncidents> {
    return this.get<StatusSimilarIncidents>(
      `/entities/${entityPath(entityRef)}/similar-incidents`,
    );
  }

  async getIncidentTimeline(
    account: string,
    incidentId: string,
  ): Promise<StatusIncidentTimeline> {
    return this.get<StatusIncidentTimeline>(
      `${incidentPath(account, incidentId)}/timeline`,
    );
  }

  async getMajorIncidents(query: {
    entityRef?: string;
    q?: string;
    days?: number;
    offset?: number;
    limit?: number;
  }): Promise<StatusMajorIncidents> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') search.set(key, String(value));
    const text = search.toString();
    return this.get<StatusMajorIncidents>(
      `/incidents/major${text ? `?${text}` : ''}`,
    );
  }

  async setIncidentPostmortem(
    account: string,
    incidentId: string,
    link: { url: string; title?: string },
  ): Promise<void> {
    const response = await this.fetch(
      `${incidentPath(account, incidentId)}/postmortem`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(link),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }

  async removeIncidentPostmortem(
    account: string,
    incidentId: string,
  ): Promise<void> {
    const response = await this.fetch(
      `${incidentPath(account, incidentId)}/postmortem`,
      { method: 'DELETE' },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }

  async getLevels(entityRefs: string[]): Promise<StatusEntityLevels> {
    return this.get<StatusEntityLevels>(
      `/levels${searchOf(
        ...entityRefs.map(ref => `entityRef=${encodeURIComponent(ref)}`),
      )}`,
    );
  }

  async getMaintenance(): Promise<StatusMaintenance> {
    return this.get<StatusMaintenance>('/maintenance');
  }

  async getRollupHistory(
    entityRef: string,
    days?: number,
  ): Promise<StatusHistory> {
    return this.get<StatusHistory>(
      `/rollups/${entityPath(entityRef)}/history${searchOf(
        days ? `days=${days}` : '',
      )}`,
    );
  }

  async getTransitions(
    entityRef: string,
    day: string,
    rollup?: boolean,
  ): Promise<StatusTransitionsPage> {
    return this.get<StatusTransitionsPage>(
      `/${rollup ? 'rollups' : 'entities'}/${entityPath(
        entityRef,
      )}/transitions${searchOf(`day=${encodeURIComponent(day)}`)}`,
    );
  }

  async getSummary(
    query: StatusSummaryQuery = {},
    page?: StatusPageQuery,
  ): Promise<StatusSummary> {
    return this.get<StatusSummary>(
      `/summary${searchOf(toSummarySearch(query), toPageSearch(page))}`,
    );
  }

  async getSummaryRows(
    query: StatusSummaryRowsQuery,
    page?: StatusPageQuery,
  ): Promise<StatusSummaryRows> {
    const { grouping, collapsed, historyDays, ...filters } = query;
    const rows = new URLSearchParams();
    if (grouping !== 'domain') rows.set('group', grouping);
    if (collapsed.length) rows.set('collapsed', collapsed.join(','));
    if (historyDays) rows.set('history', String(historyDays));
    return this.get<StatusSummaryRows>(
      `/summary/rows${searchOf(
        toSummarySearch(filters),
        rows.toString(),
        toPageSearch(page),
      )}`,
    );
  }

  async getProblems(page?: StatusPageQuery): Promise<StatusProblemsPage> {
    return this.get<StatusProblemsPage>(
      `/summary/problems${searchOf(toPageSearch(page))}`,
    );
  }

  async getIncidents(): Promise<{ incidents: StatusFeedIncident[] }> {
    return this.get<{ incidents: StatusFeedIncident[] }>('/incidents');
  }

  async getUnmatchedAlerts(
    query: {
      source?: string;
      q?: string;
      limit?: number;
      offset?: number;
    } = {},
  ): Promise<StatusUnmatchedAlerts> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    return this.get<StatusUnmatchedAlerts>(
      `/alerts/unmatched${search ? `?${search}` : ''}`,
    );
  }

  async getSubscriptions(): Promise<StatusSubscriptions> {
    return this.get<StatusSubscriptions>('/subscriptions');
  }

  async follow(entityRef: string): Promise<StatusSubscription> {
    const response = await this.fetch(
      `/subscriptions/${entityPath(entityRef)}`,
      {
        method: 'PUT',
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as StatusSubscription;
  }

  async unfollow(entityRef: string): Promise<void> {
    const response = await this.fetch(
      `/subscriptions/${entityPath(entityRef)}`,
      {
        method: 'DELETE',
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }

  async getPublicLinks(
    entityRef: string,
  ): Promise<StatusPublicLinks | undefined> {
    const response = await this.fetch(
      `/entities/${entityPath(entityRef)}/public-links`,
    );
    // only status admins may see them
    if (response.status === 403 || response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const links = await response.json();
    const baseUrl = await this.discoveryApi.getBaseUrl('status');
    return {
      public: links.public,
      available: links.available,
      badgeUrl: `${baseUrl}${links.badgePath}`,
      feedUrl: `${baseUrl}${links.feedPath}`,
    };
  }

  async getAlertSources(): Promise<{ sources: StatusAlertSource[] }> {
    return this.get<{ sources: StatusAlertSource[] }>('/alerts/sources');
  }

  async getDependencyCoverage(
    query: { limit?: number } = {},
  ): Promise<StatusDependencyCoverage> {
    return this.get<StatusDependencyCoverage>(
      `/coverage/dependencies${
        query.limit !== undefined ? `?limit=${query.limit}` : ''
      }`,
    );
  }

  async getCoverage(query: StatusCoverageQuery = {}): Promise<StatusCoverage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    return this.get<StatusCoverage>(`/coverage${searchOf(params.toString())}`);
  }

  async setServiceMapping(request: {
    entityRef: string;
    serviceId: string;
    account?: string;
  }): Promise<{ mapping: StatusServiceMapping }> {
    const response = await this.fetch('/mappings', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as { mapping: StatusServiceMapping };
  }

  async removeServiceMapping(entityRef: string): Promise<void> {
    const response = await this.fetch(
      `/mappings?entityRef=${encodeURIComponent(entityRef)}`,
      { method: 'DELETE' },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
  }

  async getReportTarget(
    target: string,
    affected: string,
  ): Promise<StatusReportTarget> {
    return this.get<StatusReportTarget>(
      `/reports/target?target=${encodeURIComponent(
        target,
      )}&affected=${encodeURIComponent(affected)}`,
    );
  }

  async getObjective(entityRef: string): Promise<StatusObjectiveReport> {
    return this.get<StatusObjectiveReport>(
      `/entities/${entityPath(entityRef)}/objective`,
    );
  }

  async getRollupObjectives(
    entityRef: string,
  ): Promise<StatusRollupObjectives> {
    return this.get<StatusRollupObjectives>(
      `/rollups/${entityPath(entityRef)}/objectives`,
    );
  }

  async reportProblem(
    report: StatusReportRequest,
  ): Promise<StatusReportResult> {
    const response = await this.fetch('/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as StatusReportResult;
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('status');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
