import {
  HIDDEN_ENTITY_REF,
  StatusSimilarIncident,
  StatusSimilarIncidents,
  titleSimilarity,
  titleWords,
  DAY_MS,
} from '@status-layer/plugin-status-common';
import { serviceKey } from '../engine/PagerDutyFacts';
import { StatusEngine } from '../engine/StatusEngine';
import { EntityRouteContext } from './EntityRouteContext';
import { servicesOf, upstreamPaths } from './upstreamPaths';

/** How far back resolved incidents are searched. */
export const SIMILAR_DAYS = 90;
/** Resolved incidents compared, newest first: a busy path's quarter. */
const MAX_CANDIDATES = 5_000;
/** Similar incidents shown per open incident. */
const PER_INCIDENT = 5;
/** Open incidents compared: more than any entity has at once. */
const MAX_OPEN = 20;

/** What a candidate's place adds to its title's likeness. */
const RELATION_BONUS: Record<StatusSimilarIncident['relation'], number> = {
  'same-service': 0.15,
  'root-cause': 0.25,
  upstream: 0,
};
/** Below this, titles share too little to be worth showing… */
const MIN_SIMILARITY = 0.25;
/** …unless the incident was on the upstream the outage comes from now. */
const MIN_SIMILARITY_ON_ROOT_CAUSE = 0.1;

/**
 * An incident's page in PagerDuty, on its service's PagerDuty site: incidents
 * read from the analytics come without their link.
 */
function incidentUrlOf(
  engine: StatusEngine,
  incident: { account: string; serviceId: string; id: string },
): string | undefined {
  const serviceUrl = engine.service(
    incident.account,
    incident.serviceId,
  )?.htmlUrl;
  if (!serviceUrl) return undefined;
  try {
    return new URL(`/incidents/${incident.id}`, serviceUrl).toString();
  } catch {
    return undefined;
  }
}

function relationOf(
  candidate: { account: string; serviceId: string },
  incident: { account: string; serviceId: string },
  onRootCause: boolean,
): StatusSimilarIncident['relation'] {
  if (
    candidate.account === incident.account &&
    candidate.serviceId === incident.serviceId
  )
    return 'same-service';
  return onRootCause ? 'root-cause' : 'upstream';
}

const nameWords = new Map<string, Set<string>>();
/** The title words of some entities' names (e.g. auth, service). */
function namesOf(refs: string[]): Set<string> {
  const words = new Set<string>();
  for (const ref of refs) {
    let own = nameWords.get(ref);
    if (!own) {
      own = titleWords(ref.slice(ref.indexOf('/') + 1));
      if (nameWords.size > 10_000) nameWords.clear();
      nameWords.set(ref, own);
    }
    own.forEach(w => words.add(w));
  }
  return words;
}

/**
 * For each open incident of an entity, the closest resolved incidents of
 * the last 90 days on the same service and on its upstreams: by title
 * (shared distinguishing words), favouring the same service and, most, the
 * upstream its outage comes from now. Matches on upstreams the caller may
 * not see are counted, never shown.
 */
export async function describeSimilarIncidents(
  options: Omit<EntityRouteContext, 'query'>,
): Promise<StatusSimilarIncidents> {
  const { entityRef, engine, store, view, now } = options;
  const open = engine.incidentsOf(entityRef).slice(0, MAX_OPEN);
  const answer: StatusSimilarIncidents = {
    entityRef,
    incidents: [],
    hiddenMatches: 0,
    days: SIMILAR_DAYS,
    generatedAt: now.toISOString(),
  };
  if (!open.length) return answer;

  const paths = upstreamPaths(engine, entityRef);
  const { services, refsByService } = servicesOf(engine, paths.keys());
  const rootCauses = new Set(
    engine.rootCausesOf(entityRef).map(cause => cause.root),
  );
  const candidates = await store.listIncidents(services, {
    since: new Date(now.getTime() - SIMILAR_DAYS * DAY_MS),
    limit: MAX_CANDIDATES,
    resolvedOnly: true,
  });
  const hidden = new Set<string>();

  for (const incident of open) {
    const scored: { score: number; similar: StatusSimilarIncident }[] = [];
    for (const candidate of candidates) {
      if (candidate.id === incident.id || !candidate.resolvedAt) continue;
      const refs =
        refsByService.get(serviceKey(candidate.account, candidate.serviceId)) ??
        [];
      // every title of a service repeats its name: it tells nothing
      const similarity = titleSimilarity(
        incident.title,
        candidate.title,
        namesOf([entityRef, ...refs]),
      );
      for (const ref of refs) {
        const relation = relationOf(candidate, incident, rootCauses.has(ref));
        const enough =
          similarity >=
          (relation === 'root-cause'
            ? MIN_SIMILARITY_ON_ROOT_CAUSE
            : MIN_SIMILARITY);
        if (!enough) continue;
        if (!view.has(ref)) {
          hidden.add(candidate.id);
          continue;
        }
        scored.push({
          score: similarity + RELATION_BONUS[relation],
          similar: {
            id: candidate.id,
            account: candidate.account,
            title: candidate.title,
            entityRef: ref,
            relation,
            path: paths
              .get(ref)!
              .map(p => (view.has(p) ? p : HIDDEN_ENTITY_REF)),
            createdAt: candidate.createdAt.toISOString(),
            resolvedAt: candidate.resolvedAt.toISOString(),
            resolvedBy: candidate.resolvedBy,
            htmlUrl: candidate.htmlUrl ?? incidentUrlOf(engine, candidate),
            titleSimilarity: Math.round(similarity * 100) / 100,
          },
        });
        break; // one entry per incident, under the first entity its service maps to
      }
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        Date.parse(b.similar.createdAt) - Date.parse(a.similar.createdAt),
    );
    answer.incidents.push({
      id: incident.id,
      title: incident.title,
      similar: scored.slice(0, PER_INCIDENT).map(s => s.similar),
    });
  }
  answer.hiddenMatches = hidden.size;
  return answer;
}
