import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  FOLLOWABLE_KINDS,
  isRollupKind,
  StatusSubscription,
  StatusSubscriptions,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { StoredSubscription } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { StatusRouteContext, toFullEntityRef } from './visibleEntity';

/**
 * `GET /subscriptions`, `PUT` and `DELETE /subscriptions/:kind/:namespace/:name`:
 * what the signed-in user follows. Following needs read access to the
 * target (a 404 otherwise, as for an entity that does not exist); listing
 * re-checks every subscription with the caller's own credentials and drops
 * those they may no longer read. What notifications name is limited by the
 * user's view as last served, whatever they follow.
 */
export function addSubscriptionRoutes(
  router: express.Router,
  options: StatusRouteContext & {
    maxPerUser: number;
    notificationsEnabled: boolean;
    now?: () => Date;
  },
) {
  const { httpAuth, access, store, maxPerUser } = options;
  const now = () => options.now?.() ?? new Date();

  const caller = async (req: express.Request) => {
    const credentials: BackstageCredentials<BackstageUserPrincipal> =
      await httpAuth.credentials(req, { allow: ['user'] });
    return {
      userRef: credentials.principal.userEntityRef,
      view: await access.of(credentials),
    };
  };

  const targetOf = (req: express.Request) => {
    const kind = req.params.kind.toLocaleLowerCase('en-US');
    if (!(FOLLOWABLE_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        `Only ${FOLLOWABLE_KINDS.join(', ')} can be followed; not ${kind}`,
      );
    }
    const ref = `${kind}:${req.params.namespace}/${req.params.name}`;
    if (ref.length > 255) throw new InputError('The entity ref is too long');
    return toFullEntityRef(ref);
  };

  const describe = (
    engine: StatusEngine,
    s: StoredSubscription,
  ): StatusSubscription => {
    const rollup = isRollupKind(
      parseEntityRef(s.targetRef).kind.toLocaleLowerCase('en-US'),
    );
    return {
      entityRef: s.targetRef,
      title: engine.titleOf(s.targetRef) ?? parseEntityRef(s.targetRef).name,
      level: rollup ? null : engine.levels(s.targetRef).effective,
      createdAt: s.createdAt.toISOString(),
    };
  };

  router.get('/subscriptions', async (req, res) => {
    const { userRef, view } = await caller(req);
    const engine = options.requireEngine();
    const kept: StatusSubscription[] = [];
    let removed = 0;
    for (const subscription of await store.notifications.listSubscriptionsOf(
      userRef,
    )) {
      if (!view.has(subscription.targetRef)) {
        await store.notifications.deleteSubscription(
          userRef,
          subscription.targetRef,
        );
        removed++;
        continue;
      }
      kept.push(describe(engine, subscription));
    }
    res.json({
      subscriptions: kept,
      max: maxPerUser,
      removed,
      notificationsEnabled: options.notificationsEnabled,
    } satisfies StatusSubscriptions);
  });

  router.put('/subscriptions/:kind/:namespace/:name', async (req, res) => {
    const targetRef = targetOf(req);
    const { userRef, view } = await caller(req);
    const engine = options.requireEngine();
    if (!engine.entity(targetRef) || !view.has(targetRef)) {
      throw new NotFoundError(`No entity ${targetRef} in the catalog`);
    }
    const mine = await store.notifications.listSubscriptionsOf(userRef);
    const existing = mine.find(s => s.targetRef === targetRef);
    if (existing) {
      res.status(200).json(describe(engine, existing));
      return;
    }
    if (mine.length >= maxPerUser) {
      throw new ConflictError(
        `You follow ${maxPerUser} entities already, the most allowed; unfollow one first`,
      );
    }
    const subscription: StoredSubscription = {
      userRef,
      targetRef,
      createdAt: now(),
    };
    await store.notifications.saveSubscription(subscription);
    res.status(201).json(describe(engine, subscription));
  });

  router.delete('/subscriptions/:kind/:namespace/:name', async (req, res) => {
    const targetRef = targetOf(req);
    const { userRef } = await caller(req);
    await store.notifications.deleteSubscription(userRef, targetRef);
    res.status(204).end();
  });
}
