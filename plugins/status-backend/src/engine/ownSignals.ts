import {
  HealthGraph,
  HealthRules,
  IncidentSignal,
  LevelChange,
  ownHealth,
  OwnHealth,
  Signal,
} from '@status-layer/plugin-status-common';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StoredIncident } from '../database';
import { AlertIndex } from './AlertIndex';
import { PagerDutyFacts } from './PagerDutyFacts';

/** An alert's signal ID: fingerprints are unique only within their source. */
const alertSignalId = (a: { source: string; fingerprint: string }) =>
  `${a.source}:${a.fingerprint}`;

/** A PagerDuty incident as the health model sees it. */
export const incidentSignal = (i: StoredIncident): IncidentSignal => ({
  kind: 'incident',
  id: i.id,
  title: i.title,
  urgency: i.urgency,
  priority: i.priority,
});

/**
 * An entity's own health from what is known of it now: the open incidents of
 * its PagerDuty services, its firing alerts, maintenance, and whether its
 * account's incidents could be read.
 */
export function ownHealthOf(
  entity: EntitySummary,
  sources: {
    facts: PagerDutyFacts;
    alerts: AlertIndex;
    monitored: boolean;
    rules?: HealthRules;
  },
): OwnHealth {
  const { facts, alerts } = sources;
  const keys = facts.serviceKeysOf(entity);
  const signals: Signal[] = [
    ...keys.flatMap(key =>
      (facts.incidentsByService.get(key) ?? []).map(incidentSignal),
    ),
    ...alerts.firingOf(entity.ref).map(a => ({
      kind: 'alert' as const,
      id: alertSignalId(a),
      title: a.title,
      severity: a.severity,
    })),
  ];
  return ownHealth(
    {
      monitored: sources.monitored,
      signals,
      underMaintenance: keys.some(key => facts.inMaintenance.has(key)),
      // an entity's level rests on its account's incidents
      stale: keys.length > 0 && facts.incidentsStale(entity.pagerDutyAccount),
    },
    sources.rules,
  );
}

/** What an entity's own level rests on, to tell whether it changed since the last refresh. */
export const ownHealthSignature = (health: OwnHealth) =>
  JSON.stringify([
    health.level,
    health.reasons.map(r => `${r.signal.id}:${r.level}`),
  ]);

/**
 * Sets the own health of these entities in the graph where it changed (by
 * signature), and says what that changed: the level changes, whether any
 * own health moved, and, when asked, every entity whose look may have
 * changed: those looked at, and what the graph says each change reached
 * ({@link HealthGraph.setOwn}).
 */
export function applyOwnHealth(options: {
  entities: Iterable<EntitySummary>;
  graph: HealthGraph;
  /** Each entity's last signature, updated here. */
  signatures: Map<string, string>;
  healthOf: (entity: EntitySummary) => OwnHealth;
  trackTouched: boolean;
}): { changes: LevelChange[]; ownChanged: boolean; touched: Set<string> } {
  const { graph, signatures, trackTouched } = options;
  const changes: LevelChange[] = [];
  const touched = new Set<string>();
  const touch = (refs: Iterable<string>) => {
    if (trackTouched) for (const ref of refs) touched.add(ref);
  };
  let ownChanged = false;
  for (const entity of options.entities) {
    touch([entity.ref]);
    const health = options.healthOf(entity);
    const signature = ownHealthSignature(health);
    if (signatures.get(entity.ref) === signature) continue;
    signatures.set(entity.ref, signature);
    ownChanged = true;
    changes.push(
      ...graph.setOwn(entity.ref, health, trackTouched ? touched : undefined),
    );
  }
  return { changes, ownChanged, touched };
}
