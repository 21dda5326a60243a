import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  compareLevels,
  MAX_LEVELS_PER_REQUEST,
  StatusEntityLevels,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { getForCaller, StatusRouteContext } from './visibleEntity';
import { keptBudgetsFor } from './keptBudgets';

/** `entityRef` given once or repeated, normalised, bounded. */
function readEntityRefs(query: express.Request['query']): string[] {
  const raw = [query.entityRef ?? []].flat();
  if (raw.some(r => typeof r !== 'string')) {
    throw new InputError('entityRef must be an entity reference');
  }
  if (raw.length === 0) throw new InputError('entityRef is required');
  if (raw.length > MAX_LEVELS_PER_REQUEST) {
    throw new InputError(
      `entityRef may be given at most ${MAX_LEVELS_PER_REQUEST} times, not ${raw.length}`,
    );
  }
  return [
    ...new Set(
      (raw as string[]).map(ref => {
        try {
          return stringifyEntityRef(
            parseEntityRef(ref, { defaultKind: 'component' }),
          );
        } catch {
          throw new InputError(`entityRef ${ref.slice(0, 100)} is not valid`);
        }
      }),
    ),
  ];
}

/**
 * `GET /levels`: the levels of a page of entities at once, for the catalog's
 * table column and graph nodes, with each one's error budget as last kept
 * (the upstream named only when the caller may read it); entities the
 * caller may not see are left out exactly as unknown ones are.
 */
export function addLevelRoutes(
  router: express.Router,
  options: StatusRouteContext & {
    whenCurrent: () => Promise<void>;
  },
) {
  getForCaller(router, options, '/levels', async (view, req, res) => {
    const refs = readEntityRefs(req.query);
    await options.whenCurrent();
    const engine = options.requireEngine();
    const levels: StatusEntityLevels['levels'] = [];
    for (const entityRef of refs) {
      if (!engine.entity(entityRef) || !view.has(entityRef)) continue;
      const known = engine.levels(entityRef);
      levels.push({
        entityRef,
        own: known.own,
        effective: known.effective,
        inherited:
          compareLevels(known.inherited, known.own ?? 'operational') > 0,
        ...(engine.isMisconfigured(entityRef) ? { misconfigured: true } : {}),
      });
    }
    const budgets = await keptBudgetsFor(
      options.store,
      view,
      levels.map(l => l.entityRef),
    );
    for (const entry of levels) entry.budget = budgets.get(entry.entityRef);
    res.json({ levels } satisfies StatusEntityLevels);
  });
}
