import {
  HealthRules,
  IncidentSignal,
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
