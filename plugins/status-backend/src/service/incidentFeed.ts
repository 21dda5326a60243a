import { StatusFeedIncident } from '@status-layer/plugin-status-common';
import express from 'express';
import { incidentView } from './entityStatus';
import { updatesOf } from './incidentUpdates';
import { getForCaller, StatusRouteContext } from './visibleEntity';

/**
 * `GET /incidents`: active incidents company-wide, newest first, each with
 * its visible entities, its updates and, when it is probably a symptom of an
 * upstream outage, which one and why. An incident shows only when the
 * caller may read one of its entities.
 */
export function addIncidentFeedRoute(
  router: express.Router,
  options: StatusRouteContext,
) {
  getForCaller(router, options, '/incidents', async (view, _req, res) => {
    const engine = options.requireEngine();
    const shown = engine
      .allOpenIncidents()
      .map(({ incident, entityRefs }) => ({
        incident,
        entityRefs: entityRefs.filter(r => view.has(r)),
      }))
      .filter(({ entityRefs }) => entityRefs.length > 0);
    const updates = await updatesOf(
      options.store,
      shown.map(s => s.incident),
    );
    const incidents: StatusFeedIncident[] = shown
      .map(({ incident, entityRefs }) => ({
        ...incidentView(incident, engine, view, updates),
        serviceId: incident.serviceId,
        entities: entityRefs.map(r => ({
          entityRef: r,
          level: engine.levels(r).effective,
        })),
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    res.json({ incidents });
  });
}
