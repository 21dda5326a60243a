import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isRollupKind,
  ROLLUP_KINDS,
  StatusMaintenance,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerAccess } from './CallerAccess';
import { describeDay, describeHistory, describeRollupHistory } from './history';
import { describeResponse } from './response';

function toFullEntityRef(raw: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(raw));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef "${raw}": expected kind:namespace/name`,
      error,
    );
  }
}

function requireRollupKind(req: express.Request) {
  const kind = req.params.kind.toLocaleLowerCase('en-US');
  if (!isRollupKind(kind)) {
    throw new InputError(
      `Roll-ups exist for ${ROLLUP_KINDS.join(', ')}; not for ${kind}`,
    );
  }
}

/**
 * The routes of what happened over time: an entity's or a roll-up's daily
 * history and incident response, a day's changes, and the company's
 * maintenance. Each answers only about entities the caller may see.
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

  /** The entity a route names, when the caller may see it (404 otherwise). */
  const visibleEntity = async (req: express.Request) => {
    const entityRef = toFullEntityRef(
      `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const view = await access.of(credentials);
    if (!view.has(entityRef)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return { entityRef, view };
  };

  // An entity's daily history: worst level, own and upstream-caused downtime, availability.
  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const { entityRef, view } = await visibleEntity(req);
    res.json(
      await describeHistory({
        entityRef,
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
      res.json(await describeDay({ entityRef, store, view, query: req.query }));
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
        ongoing: Date.parse(window.startTime) <= now,
        entityRefs: entityRefs.filter(ref => view.has(ref)).sort(),
      }))
      .filter(w => w.entityRefs.length > 0)
      .sort((a, b) => Number(b.ongoing) - Number(a.ongoing));
    res.json({ windows } satisfies StatusMaintenance);
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
