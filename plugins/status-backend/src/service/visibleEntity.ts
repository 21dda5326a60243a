import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { isRollupKind, ROLLUP_KINDS } from '@status-layer/plugin-status-common';
import express from 'express';
import { StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerAccess, CallerView } from './CallerAccess';

/** A full entity ref (`kind:namespace/name`), or a 400 that says what is wrong. */
export function toFullEntityRef(raw: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(raw));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef "${raw}": expected kind:namespace/name`,
      error,
    );
  }
}

/** A 400 unless the route's `:kind` is one that has a roll-up. */
export function requireRollupKind(req: express.Request): void {
  const kind = req.params.kind.toLocaleLowerCase('en-US');
  if (!isRollupKind(kind)) {
    throw new InputError(
      `Roll-ups exist for ${ROLLUP_KINDS.join(', ')}; not for ${kind}`,
    );
  }
}

/**
 * What the read routes share: the caller's credentials, what each caller may
 * read, the store and the engine.
 */
export type StatusRouteContext = {
  httpAuth: HttpAuthService;
  access: CallerAccess;
  store: StatusStore;
  requireEngine: () => StatusEngine;
};

/** Reads what the caller of a request (a user or a service) may see. */
export function callerViewReader(
  httpAuth: HttpAuthService,
  access: CallerAccess,
): (req: express.Request) => Promise<CallerView> {
  return async req =>
    access.of(await httpAuth.credentials(req, { allow: ['user', 'service'] }));
}

/**
 * A GET answered for what its caller may see: who is asking is read
 * first, so a caller without credentials learns nothing, not even what
 * input is refused.
 */
export function getForCaller(
  router: express.Router,
  options: Pick<StatusRouteContext, 'httpAuth' | 'access'>,
  path: string,
  answer: (
    view: CallerView,
    req: express.Request,
    res: express.Response,
  ) => Promise<void>,
): void {
  const viewOf = callerViewReader(options.httpAuth, options.access);
  router.get(path, async (req, res) => answer(await viewOf(req), req, res));
}

/**
 * Reads the entity a `/:kind/:namespace/:name` route names and what the
 * caller may see; a 404 (as for an entity that does not exist) when the
 * caller may not see it.
 */
export function visibleEntityReader(
  httpAuth: HttpAuthService,
  access: CallerAccess,
): (req: express.Request) => Promise<{ entityRef: string; view: CallerView }> {
  const viewOf = callerViewReader(httpAuth, access);
  return async req => {
    // credentials before input: a caller without them learns nothing
    const view = await viewOf(req);
    const entityRef = toFullEntityRef(
      `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
    );
    if (!view.has(entityRef)) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return { entityRef, view };
  };
}
