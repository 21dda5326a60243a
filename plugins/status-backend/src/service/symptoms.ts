import {
  describeLag,
  HIDDEN_ENTITY_REF,
  probableCause,
  StatusSymptomOf,
} from '@status-layer/plugin-status-common';
import { StoredIncident } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { pathForCaller } from './forCaller';

/**
 * Whether an open incident is probably a symptom of an upstream outage, as
 * the caller may learn it: it opened while (or shortly before) an upstream
 * that is a root cause of its entity had an open incident. A hidden upstream
 * is never named, nor is its incident.
 */
export function symptomOf(
  incident: StoredIncident,
  engine: StatusEngine,
  view: CallerView,
): StatusSymptomOf | undefined {
  if (incident.status === 'resolved') return undefined;
  const own = engine.entitiesOfIncident(incident);
  const causes = own
    .filter(ref => view.has(ref))
    .flatMap(ref => engine.rootCausesOf(ref))
    .filter(c => !own.includes(c.root));
  const cause = probableCause(incident, causes, root =>
    engine
      .incidentsOf(root)
      .filter(i => i.status !== 'resolved')
      .map(i => ({
        id: i.id,
        number: i.number,
        title: i.title,
        createdAt: i.createdAt,
      })),
  );
  if (!cause) return undefined;
  const nameOf = (ref: string) =>
    ref === HIDDEN_ENTITY_REF
      ? 'an upstream you may not see'
      : engine.titleOf(ref) ?? ref;
  const path = pathForCaller(cause.path, view);
  const entity = nameOf(path[0]);
  const lag = describeLag(cause.afterMs);
  if (!view.has(cause.root)) {
    return {
      incidentId: null,
      entityRef: HIDDEN_ENTITY_REF,
      title: null,
      upstreamNumber: null,
      afterMs: cause.afterMs,
      path,
      explanation: `Opened ${lag} an upstream you may not see began failing; ${entity} depends on it.`,
    };
  }
  const root = nameOf(cause.root);
  const via = path.slice(1, -1);
  const number = cause.upstream.number ? ` #${cause.upstream.number}` : '';
  return {
    incidentId: cause.upstream.id,
    entityRef: cause.root,
    title: cause.upstream.title,
    upstreamNumber: cause.upstream.number ?? null,
    afterMs: cause.afterMs,
    path,
    explanation: `Opened ${lag} ${root}'s incident${number}; ${entity} depends on ${root}${
      via.length ? ` via ${via.map(nameOf).join(' → ')}` : ''
    }.`,
  };
}
