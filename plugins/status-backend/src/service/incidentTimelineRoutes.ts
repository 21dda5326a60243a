import { AuditorService, UserInfoService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  isRollupKind,
  StatusPostmortemLink,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { z } from 'zod';
import { describeIncidentTimeline, visibleIncident } from './incidentTimeline';
import { describeMajorIncidents } from './majorIncidents';
import {
  callerViewReader,
  StatusRouteContext,
  toFullEntityRef,
} from './visibleEntity';
import { callerOwnership } from './callerOwnership';

/** What the timeline routes need besides the read routes' context. */
export type IncidentTimelineRouteOptions = StatusRouteContext & {
  auditor: AuditorService;
  userInfo?: UserInfoService;
  now?: () => Date;
};

const params = z.object({
  account: z.string().min(1).max(64),
  id: z.string().min(1).max(64),
});

const majorQuery = z.object({
  entityRef: z.string().min(1).max(255).optional(),
  q: z.string().max(200).default(''),
  days: z.coerce.number().int().min(1).max(365).default(90),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const postmortemBody = z.object({
  url: z
    .string()
    .max(2_000)
    .url()
    .refine(u => /^https?:\/\//i.test(u), 'the link must be http or https'),
  title: z.string().max(255).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; '),
    );
  return parsed.data;
}

/**
 * `GET /incidents/major?entityRef=&q=&days=`: past major incidents of an
 * entity, a roll-up's members or the company, for the caller;
 * `GET /incidents/:account/:id/timeline`: one incident's timeline for its
 * caller (a 404 when they may read none of its entities); and
 * `PUT`/`DELETE /incidents/:account/:id/postmortem`: the owning team (a
 * member of an owner of one of its entities) or a `status.admin` links the
 * written postmortem, audited.
 *
 * @internal
 */
export function addIncidentTimelineRoutes(
  router: express.Router,
  options: IncidentTimelineRouteOptions,
) {
  const viewOf = callerViewReader(options.httpAuth, options.access);
  const now = () => options.now?.() ?? new Date();

  router.get('/incidents/major', async (req, res) => {
    const view = await viewOf(req);
    const query = parse(majorQuery, req.query);
    const entityRef = query.entityRef
      ? toFullEntityRef(query.entityRef)
      : undefined;
    if (entityRef && !view.has(entityRef))
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    res.json(
      await describeMajorIncidents({
        store: options.store,
        engine: options.requireEngine(),
        view,
        entityRef,
        rollup: entityRef
          ? isRollupKind(entityRef.slice(0, entityRef.indexOf(':')))
          : false,
        query: query.q.trim(),
        days: query.days,
        offset: query.offset,
        limit: query.limit,
        now: now(),
      }),
    );
  });

  router.get('/incidents/:account/:id/timeline', async (req, res) => {
    const view = await viewOf(req);
    const { account, id } = parse(params, req.params);
    res.json(
      await describeIncidentTimeline({
        store: options.store,
        engine: options.requireEngine(),
        view,
        account,
        id,
        now: now(),
      }),
    );
  });

  /** The caller, who must belong to the team owning the incident's entity (or be an admin). */
  const owningCaller = async (req: express.Request) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const view = await options.access.of(credentials);
    const { account, id } = parse(params, req.params);
    const engine = options.requireEngine();
    const { entityRefs } = await visibleIncident({
      store: options.store,
      engine,
      view,
      account,
      id,
    });
    const user = credentials.principal.userEntityRef;
    const teams = await callerOwnership(credentials, engine, options.userInfo);
    const owns = entityRefs.some(r => {
      const owner = engine.entity(r)?.owner;
      return view.has(r) && owner !== undefined && teams.has(owner);
    });
    if (!owns && !view.admin)
      throw new NotAllowedError(
        "Only the team that owns the incident's entity links its postmortem",
      );
    return { user, account, id };
  };

  /** Runs a change of a postmortem link as one audited event. */
  const audited = async (
    req: express.Request,
    actionType: 'set' | 'delete',
    change: () => Promise<{ [key: string]: string | undefined }>,
  ) => {
    const audit = await options.auditor.createEvent({
      eventId: 'incident-postmortem',
      severityLevel: 'low',
      request: req,
      meta: { actionType },
    });
    try {
      await audit.success({ meta: await change() });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  };

  router.put('/incidents/:account/:id/postmortem', async (req, res) => {
    await audited(req, 'set', async () => {
      const { user, account, id } = await owningCaller(req);
      const body = parse(postmortemBody, req.body);
      const setAt = now();
      await options.store.timelines.setPostmortem(account, id, {
        url: body.url,
        title: body.title,
        setBy: user,
        setAt,
      });
      const postmortem: StatusPostmortemLink = {
        url: body.url,
        title: body.title,
        source: 'portal',
        setBy: user,
        setAt: setAt.toISOString(),
      };
      res.json({ postmortem });
      return { account, incidentId: id, ...postmortem };
    });
  });

  router.delete('/incidents/:account/:id/postmortem', async (req, res) => {
    await audited(req, 'delete', async () => {
      const { account, id } = await owningCaller(req);
      await options.store.timelines.setPostmortem(account, id, null);
      res.status(204).end();
      return { account, incidentId: id };
    });
  });
}
