import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  StatusCoverageQuery,
  StatusPageQuery,
} from '@status-layer/plugin-status-common';
import { StatusApi, statusApiRef, StatusSummaryQuery } from '../../api';
import { useLiveStatus } from './useLiveStatus';
import { Polled, usePolling } from './usePolling';

/**
 * One resource of the status API, read again whenever the backend pushes a
 * change (on the shared channel, or the given entity channel) and polled as
 * a safety net: the one way the views read data.
 */
export function useLiveResource<T>(
  read: (api: StatusApi) => Promise<T>,
  deps: unknown[],
  entityChannel?: string,
): Polled<T> {
  const statusApi = useApi(statusApiRef);
  const live = useLiveStatus(entityChannel);
  return usePolling(
    () => read(statusApi),
    [statusApi, ...deps],
    live.intervalMs,
    live.changes,
  );
}

/**
 * One resource of the status API read once, and again when `refreshOn`
 * changes (keeping the last answer on screen) or on retry: for the parts of a
 * page that follow another resource (e.g. the entity's level) rather than
 * every change pushed company-wide.
 */
export function useResource<T>(
  read: (api: StatusApi) => Promise<T>,
  deps: unknown[],
  refreshOn?: string,
): Polled<T> {
  const statusApi = useApi(statusApiRef);
  return usePolling(
    () => read(statusApi),
    [statusApi, ...deps],
    Infinity,
    refreshOn,
  );
}

/**
 * The status of one entity; it follows the entity's own channel once its
 * first answer named it (only readers of the entity learn it).
 */
export function useEntityStatus(entityRef: string) {
  const [channel, setChannel] = useState<string>();
  const polled = useLiveResource(
    api => api.getEntityStatus(entityRef),
    [entityRef],
    channel,
  );
  const liveChannel = polled.value?.liveChannel;
  useEffect(() => setChannel(liveChannel), [liveChannel]);
  return polled;
}

/** A System's, Domain's or Group's roll-up. */
export const useRollup = (entityRef: string) =>
  useLiveResource(api => api.getRollup(entityRef), [entityRef]);

/** The company summary, or the part a query selects, with a page of its entities. */
export function useSummary(query?: StatusSummaryQuery, page?: StatusPageQuery) {
  return useLiveResource(
    api => api.getSummary(query, page),
    [JSON.stringify(query), JSON.stringify(page)],
  );
}

/** Ongoing and upcoming maintenance company-wide. */
export const useMaintenance = () =>
  useLiveResource(async api => api.getMaintenance(), []);

/** Active incidents company-wide. */
export const useIncidents = () =>
  useLiveResource(api => api.getIncidents(), []);

/** A page of the alerts that match no entity (status admins only). */
export function useUnmatchedAlerts(query: {
  source: string;
  q: string;
  limit: number;
  offset: number;
}) {
  return useLiveResource(
    api => api.getUnmatchedAlerts(query),
    [query.source, query.q, query.limit, query.offset],
  );
}

/** Which components are monitored, and what would make the rest so. */
export const useCoverage = (query: StatusCoverageQuery) =>
  useLiveResource(api => api.getCoverage(query), [JSON.stringify(query)]);

/** Where PagerDuty's service graph and the catalog's dependencies disagree. */
export const useDependencyCoverage = () =>
  useLiveResource(api => api.getDependencyCoverage(), []);

/** The monitoring tools and their problems. */
export const useAlertSources = () =>
  useLiveResource(api => api.getAlertSources(), []);

/**
 * The reader's teams (the groups among their ownership refs) and the summary
 * of what those teams own and everything it depends on, transitively. Asks
 * for the summary only when enabled and the reader has a team.
 */
export function useMyTeamsSummary(enabled = true, page?: StatusPageQuery) {
  const identityApi = useApi(identityApiRef);
  const teams = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.filter(ref => !ref.startsWith('user:'));
  }, [identityApi]);
  const owner = teams.value ?? [];
  const summary = useLiveResource(
    async api =>
      enabled && owner.length
        ? api.getSummary({ within: owner }, page)
        : undefined,
    [enabled, owner.join(','), JSON.stringify(page)],
  );
  return { teams, summary };
}

/**
 * The last days of an entity, or of a System's, Domain's or Group's members
 * together (`rollup`); read again when `version` changes.
 */
export const useHistory = (
  entityRef: string,
  options: { days: number; rollup?: boolean; version?: string },
) =>
  useResource(
    api =>
      options.rollup
        ? api.getRollupHistory(entityRef, options.days)
        : api.getEntityHistory(entityRef, options.days),
    [entityRef, options.days, options.rollup],
    options.version,
  );

/** The level changes of one day of an entity (or of its members, `rollup`). */
export const useTransitions = (
  entityRef: string,
  day: string,
  rollup?: boolean,
) =>
  useResource(
    api => api.getTransitions(entityRef, day, rollup),
    [entityRef, day, rollup],
  );

/** Incident response of an entity's services, or of a team's (`rollup`). */
export const useResponse = (
  entityRef: string,
  options: { rollup?: boolean; version?: string } = {},
) =>
  useResource(
    api => api.getResponse(entityRef, options.rollup),
    [entityRef, options.rollup],
    options.version,
  );

/** Incident response per owning team over 7, 30 or 90 days. */
export const useTeamResponse = (days: 7 | 30 | 90) =>
  useLiveResource(api => api.getTeamResponse(days), [days]);

/** Recent deploys and configuration changes on an entity and its upstreams. */
export const useChanges = (entityRef: string, version?: string) =>
  useResource(api => api.getChanges(entityRef), [entityRef], version);

/** Resolved incidents like an entity's open ones. */
export const useSimilarIncidents = (entityRef: string, version?: string) =>
  useResource(api => api.getSimilarIncidents(entityRef), [entityRef], version);

/** What the signed-in user follows. */
export const useSubscriptionList = () =>
  useResource(api => api.getSubscriptions(), []);

/**
 * An entity's badge and feed addresses: null for anyone but a status admin.
 */
export const usePublicLinks = (entityRef: string) =>
  useResource(
    async api => (await api.getPublicLinks(entityRef)) ?? null,
    [entityRef],
  );

/**
 * The backend's health, or undefined when it cannot be read: for secondary
 * notices that must not break a page.
 */
export const useHealth = () =>
  useResource(api => api.getHealth().catch(() => undefined), []);

/** One incident's timeline, read again on every push (its incident may change). */
export function useIncidentTimeline(account: string, incidentId: string) {
  return useLiveResource(
    api => api.getIncidentTimeline(account, incidentId),
    [account, incidentId],
  );
}

/**
 * Past major incidents of an entity, a roll-up's members or the company,
 * read again when the query changes or `refreshOn` does (e.g. a level).
 */
export function useMajorIncidents(
  query: { entityRef?: string; q?: string; offset?: number },
  refreshOn?: string,
) {
  return useResource(
    api => api.getMajorIncidents(query),
    [query.entityRef, query.q, query.offset],
    refreshOn,
  );
}

/** Where a report of `target`, suffered by `affected`, would go; read when a report is begun. */
export function useReportTarget(target: string, affected: string) {
  return useResource(
    api => api.getReportTarget(target, affected),
    [target, affected],
  );
}

/** An entity's objective and error budget; read again when `version` changes. */
export function useObjective(entityRef: string, version?: string) {
  return useResource(api => api.getObjective(entityRef), [entityRef], version);
}

/** The objectives of a roll-up's members; read again when `version` changes. */
export function useRollupObjectives(entityRef: string, version?: string) {
  return useResource(
    api => api.getRollupObjectives(entityRef),
    [entityRef],
    version,
  );
}
