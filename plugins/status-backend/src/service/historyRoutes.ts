import { HttpAuthService } from '@backstage/backend-plugin-api';
import { StatusMaintenance } from '@status-layer/plugin-status-common';
import express from 'express';
import { isOngoingWindow, StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerAccess } from './CallerAccess';
import { describeChanges } from './changes';
import { describeSimilarIncidents } from './similarIncidents';
import {
  describeDay,
  describeHistory,
  describeRollupDay,
  describeRollupHistory,
} from './history';
import { describeResponse, describeTeamResponse } from './response';
import { requireRollupKind, visibleEntityReader } from './visibleEntity';

/**
 * The routes of what happened over time: an entity's or a roll-up's daily
 * history and incident response, a day's level changes, recent changes
 * (deploys) along the dependency path, and the company's maintenance. Each answers only about entities the caller may see.
 */
export function addHistoryRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    access: CallerAccess;
    store: StatusStore;
    requireEngine: () => StatusEngine;
  },
) {
  const { httpAuth, access, store, requireEngine } = options;

  const visibleEntity = visibleEntityReader(httpAuth, access);

  // An entity's daily history: worst level, own and upstream-caused downtime, availability.
  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeHistory({
        entityRef,
        engine: requireEngine(),
        store,
        view,
        query: req.query,
        now: new Date(),
      }),
    );
  });

  // The level changes of one day, with what explained each.
  router.get(
    '/entities/:kind/:namespace/:name/transitions',
    async (req, res) => {
      const { entityRef, view } = await visibleEntity(req);
      res.json(
        await describeDay({
          entityRef,
          engine: requireEngine(),
          store,
          view,
          query: req.query,
        }),
      );
    },
  );

  // Ongoing and upcoming maintenance company-wide, for the entities the caller may see.
  router.get('/maintenance', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const view = await access.of(credentials);
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
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const view = await access.of(credentials);
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

  // Incident response (MTTA, MTTR, counts) of an entity's PagerDuty services.
  router.get('/entities/:kind/:namespace/:name/response', async (req, res) => {
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeResponse({
        entityRef,
        rollup: false,
        engine: requireEngine(),
        store,
        view,
        now: new Date(),
      }),
    );
  });

  // Recent changes (deploys, config changes) of an entity and its upstreams.
  router.get('/entities/:kind/:namespace/:name/changes', async (req, res) => {
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeChanges({
        entityRef,
        engine: requireEngine(),
        store,
        view,
        query: req.query,
        now: new Date(),
      }),
    );
  });

  // For each open incident, the closest resolved ones on its service and upstreams.
  router.get(
    '/entities/:kind/:namespace/:name/similar-incidents',
    async (req, res) => {
      const { entityRef, view } = await visibleEntity(req);
      res.json(
        await describeSimilarIncidents({
          entityRef,
          engine: requireEngine(),
          store,
          view,
          now: new Date(),
        }),
      );
    },
  );

  // The same over a System's, Domain's or Group's members.
  router.get('/rollups/:kind/:namespace/:name/response', async (req, res) => {
    requireRollupKind(req);
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeResponse({
        entityRef,
        rollup: true,
        engine: requireEngine(),
        store,
        view,
        now: new Date(),
      }),
    );
  });

  // The level changes of one day of a System's, Domain's or Group's members.
  router.get(
    '/rollups/:kind/:namespace/:name/transitions',
    async (req, res) => {
      requireRollupKind(req);
      const { entityRef, view } = await visibleEntity(req);
      res.json(
        await describeRollupDay({
          entityRef,
          engine: requireEngine(),
          store,
          view,
          query: req.query,
        }),
      );
    },
  );

  // A System's, Domain's or Group's daily history, from its members'.
  router.get('/rollups/:kind/:namespace/:name/history', async (req, res) => {
    requireRollupKind(req);
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeRollupHistory({
        entityRef,
        engine: requireEngine(),
        store,
        view,
        query: req.query,
        now: new Date(),
      }),
    );
  });
}
