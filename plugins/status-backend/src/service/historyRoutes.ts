import { StatusMaintenance } from '@status-layer/plugin-status-common';
import express from 'express';
import { isOngoingWindow } from '../database';
import { describeChanges } from './changes';
import { EntityRouteContext } from './EntityRouteContext';
import { describeSimilarIncidents } from './similarIncidents';
import {
  describeDay,
  describeHistory,
  describeRollupDay,
  describeRollupHistory,
} from './history';
import { describeResponse, describeTeamResponse } from './response';
import {
  describeObjective,
  describeRollupObjectives,
  ObjectiveRules,
} from './objectives';
import {
  callerViewReader,
  requireRollupKind,
  StatusRouteContext,
  visibleEntityReader,
} from './visibleEntity';

/**
 * The routes of what happened over time: an entity's or a roll-up's daily
 * history and incident response, a day's level changes, recent changes
 * (deploys) along the dependency path, and the company's maintenance. Each answers only about entities the caller may see.
 */
export function addHistoryRoutes(
  router: express.Router,
  options: StatusRouteContext & { objectives: ObjectiveRules },
) {
  const { httpAuth, access, store, requireEngine } = options;

  const visibleEntity = visibleEntityReader(httpAuth, access);
  const viewOf = callerViewReader(httpAuth, access);

  /**
   * A GET about one entity the caller may see (404 otherwise), or about a
   * System, Domain or Group (`rollup`; 400 for another kind), answered by
   * `describe`.
   */
  const entityRoute = (
    path: string,
    describe: (about: EntityRouteContext) => Promise<unknown>,
    kind: { rollup?: boolean } = {},
  ) =>
    router.get(path, async (req, res) => {
      if (kind.rollup) requireRollupKind(req);
      const { entityRef, view } = await visibleEntity(req);
      res.json(
        await describe({
          entityRef,
          view,
          engine: requireEngine(),
          store,
          query: req.query,
          now: new Date(),
        }),
      );
    });

  // An entity's daily history: worst level, own and upstream-caused downtime, availability.
  entityRoute('/entities/:kind/:namespace/:name/history', describeHistory);

  // The level changes of one day, with what explained each, and its deploys.
  entityRoute('/entities/:kind/:namespace/:name/transitions', describeDay);

  // Incident response (MTTA, MTTR, counts) of an entity's PagerDuty services.
  entityRoute('/entities/:kind/:namespace/:name/response', about =>
    describeResponse({ ...about, rollup: false }),
  );

  // An entity's objective: attainment, budget left and who spent it, burn rates.
  entityRoute('/entities/:kind/:namespace/:name/objective', about =>
    describeObjective(about, options.objectives),
  );

  // Recent changes (deploys, config changes) of an entity and its upstreams.
  entityRoute('/entities/:kind/:namespace/:name/changes', describeChanges);

  // For each open incident, the closest resolved ones on its service and upstreams.
  entityRoute(
    '/entities/:kind/:namespace/:name/similar-incidents',
    describeSimilarIncidents,
  );

  // A System's, Domain's or Group's daily history, from its members'.
  entityRoute(
    '/rollups/:kind/:namespace/:name/history',
    describeRollupHistory,
    {
      rollup: true,
    },
  );

  // The level changes of one day of a System's, Domain's or Group's members.
  entityRoute(
    '/rollups/:kind/:namespace/:name/transitions',
    describeRollupDay,
    {
      rollup: true,
    },
  );

  // The objectives of a System's, Domain's or Group's members, least budget left first.
  entityRoute(
    '/rollups/:kind/:namespace/:name/objectives',
    about => describeRollupObjectives(about, options.objectives),
    { rollup: true },
  );

  // Incident response over a System's, Domain's or Group's members.
  entityRoute(
    '/rollups/:kind/:namespace/:name/response',
    about => describeResponse({ ...about, rollup: true }),
    { rollup: true },
  );

  // Ongoing and upcoming maintenance company-wide, for the entities the caller may see.
  router.get('/maintenance', async (req, res) => {
    const view = await viewOf(req);
    const now = Date.now();
    const windows: StatusMaintenance['windows'] = requireEngine()
      .allMaintenance()
      .map(({ window, entityRefs }) => ({
        id: window.id,
        description: window.description,
        startTime: window.startTime,
        endTime: window.endTime,
        createdBy: window.createdBy,
        ongoing: isOngoingWindow(window, now),
        entityRefs: entityRefs.filter(ref => view.has(ref)).sort(),
      }))
      .filter(w => w.entityRefs.length > 0)
      .sort((a, b) => Number(b.ongoing) - Number(a.ongoing));
    res.json({ windows } satisfies StatusMaintenance);
  });

  // Incident response per owning team, company-wide, for the dashboard.
  router.get('/response/teams', async (req, res) => {
    const view = await viewOf(req);
    res.json(
      await describeTeamResponse({
        engine: requireEngine(),
        store,
        view,
        query: req.query,
        now: new Date(),
      }),
    );
  });
}
