import { Request, Router } from 'express';
import { z } from 'zod';
import { MAX_UPDATE_LENGTH } from '../incidentUpdates';
import {
  StatusPage,
  StatusPageChoice,
  StatusPageInputError,
  StatusPagePost,
  StatusPagePostUpdate,
  StatusPageUpdateInput,
} from '../statusPages';
import { PagerDutyApiError } from './errors';
import { arrayParam, parseBody, stringParam } from './params';
import { RouterParts } from './routerParts';
import { iso, Shapes } from './shapes';

const idRef = z.object({ id: z.string().min(1), type: z.string().optional() });

const updateBody = z.object({
  type: z.literal('status_page_post_update'),
  // PagerDuty documents no bound; the simulator keeps its status updates' one
  message: z.string().min(1).max(MAX_UPDATE_LENGTH),
  status: idRef,
  severity: idRef,
  impacted_services: z.array(z.object({ service: idRef, impact: idRef })),
  update_frequency_ms: z.number().int().nonnegative().nullable(),
  notify_subscribers: z.boolean(),
  post: idRef.optional(),
  reported_at: z.string().nullable().optional(),
});

const postBody = z.object({
  post: z.object({
    type: z.literal('status_page_post'),
    title: z.string().trim().min(1).max(128),
    post_type: z.enum(['incident', 'maintenance']),
    starts_at: z.string().datetime({ offset: true }).nullable(),
    ends_at: z.string().datetime({ offset: true }).nullable(),
    updates: z.array(updateBody).min(1).max(50),
    status_page: idRef,
  }),
});

/**
 * A whole list in one answer: the status pages' list operations document no
 * `limit` or `offset` (the contract refuses them), only the pagination
 * fields of the answer.
 */
function whole<T>(items: T[]) {
  return {
    page: items,
    pagination: {
      offset: 0,
      limit: items.length,
      more: false,
      total: items.length,
    },
  };
}

const asInput = (u: z.infer<typeof updateBody>): StatusPageUpdateInput => ({
  message: u.message,
  statusId: u.status.id,
  severityId: u.severity.id,
  impacted: u.impacted_services.map(i => ({
    serviceId: i.service.id,
    impactId: i.impact.id,
  })),
  updateFrequencyMs: u.update_frequency_ms,
  notifySubscribers: u.notify_subscribers,
});

/** The account's status pages as PagerDuty's `StatusPage*` schemas describe them. */
class StatusPageShapes {
  constructor(private readonly shapes: Shapes) {}

  private pageRef = (page: StatusPage) => ({
    id: page.id,
    type: 'status_page',
  });

  page = (page: StatusPage) => ({
    id: page.id,
    name: page.name,
    published_at: iso(page.publishedAt),
    status_page_type: page.type,
    url: this.shapes.webOf(`status-pages/${page.id}`),
    type: 'status_page',
  });

  service = (page: StatusPage, service: { id: string; name: string }) => ({
    id: service.id,
    self: this.shapes.selfOf(`status_pages/${page.id}/services/${service.id}`),
    name: service.name,
    status_page: this.pageRef(page),
    type: 'status_page_service',
  });

  choice =
    (page: StatusPage, kind: 'impacts' | 'severities' | 'statuses') =>
    (choice: StatusPageChoice) => ({
      id: choice.id,
      self: this.shapes.selfOf(`status_pages/${page.id}/${kind}/${choice.id}`),
      description: choice.description,
      post_type: choice.postType,
      status_page: this.pageRef(page),
      type: {
        impacts: 'status_page_impact',
        severities: 'status_page_severity',
        statuses: 'status_page_status',
      }[kind],
    });

  update = (page: StatusPage, update: StatusPagePostUpdate) => ({
    id: update.id,
    self: this.shapes.selfOf(
      `status_pages/${page.id}/posts/${update.postId}/post_updates/${update.id}`,
    ),
    post: { id: update.postId, type: 'status_page_post' },
    message: update.message,
    reviewed_status: 'approved',
    status: { id: update.statusId, type: 'status_page_status' },
    severity: { id: update.severityId, type: 'status_page_severity' },
    impacted_services: update.impacted.map(i => ({
      service: { id: i.serviceId, type: 'status_page_service' },
      impact: { id: i.impactId, type: 'status_page_impact' },
    })),
    update_frequency_ms: update.updateFrequencyMs,
    notify_subscribers: update.notifySubscribers,
    reported_at: iso(update.reportedAt),
    type: 'status_page_post_update',
  });

  post = (page: StatusPage, post: StatusPagePost, includeUpdates: boolean) => ({
    id: post.id,
    self: this.shapes.selfOf(`status_pages/${page.id}/posts/${post.id}`),
    type: 'status_page_post',
    post_type: post.postType,
    status_page: this.pageRef(page),
    title: post.title,
    starts_at: post.startsAt ? iso(post.startsAt) : null,
    ends_at: post.endsAt ? iso(post.endsAt) : null,
    updates: post.updates.map(u =>
      includeUpdates
        ? this.update(page, u)
        : { id: u.id, type: 'status_page_post_update' },
    ),
  });
}

/**
 * PagerDuty status pages: `GET /status_pages` and each page's services,
 * impacts, severities and statuses (filtered by `post_type`), its posts
 * (`GET`, `POST`), one post (`include[]=status_page_post_update` includes its
 * updates) and its updates (`GET`, `POST`). Writes are checked against the
 * page's own objects: a status, severity or impact of another page or post
 * type, a service of another page, or a service impacted twice is a 400, as
 * PagerDuty answers.
 */
export function createStatusPagesRouter(options: RouterParts): Router {
  const { state } = options;
  const shapes = new StatusPageShapes(options.shapes);
  const router = Router();
  const pages = state.statusPages;

  const pageOf = (req: Request) => {
    const page = pages.page(req.params.id);
    if (!page) throw PagerDutyApiError.notFound(`Status page ${req.params.id}`);
    return page;
  };
  const postOf = (req: Request, page: StatusPage) => {
    const post = page.posts.get(req.params.post_id);
    if (!post)
      throw PagerDutyApiError.notFound(
        `Status page post ${req.params.post_id}`,
      );
    return post;
  };
  const postType = (req: Request) => stringParam(req.query, 'post_type');
  const written = <T>(write: () => T): T => {
    try {
      return write();
    } catch (error) {
      if (error instanceof StatusPageInputError)
        throw PagerDutyApiError.invalidInput(error.message);
      throw error;
    }
  };

  router.get('/status_pages', (req, res) => {
    const type = stringParam(req.query, 'status_page_type');
    const all = [...pages.pages.values()].filter(p => !type || p.type === type);
    const { page, pagination } = whole(all);
    res.json({ ...pagination, status_pages: page.map(shapes.page) });
  });

  router.get('/status_pages/:id/services', (req, res) => {
    const statusPage = pageOf(req);
    const { page, pagination } = whole(statusPage.services);
    res.json({
      ...pagination,
      services: page.map(s => shapes.service(statusPage, s)),
    });
  });

  for (const kind of ['impacts', 'severities', 'statuses'] as const)
    router.get(`/status_pages/:id/${kind}`, (req, res) => {
      const statusPage = pageOf(req);
      const type = postType(req);
      const { page, pagination } = whole(
        statusPage[kind].filter(c => !type || c.postType === type),
      );
      res.json({
        ...pagination,
        [kind]: page.map(shapes.choice(statusPage, kind)),
      });
    });

  router.get('/status_pages/:id/posts', (req, res) => {
    const statusPage = pageOf(req);
    const type = postType(req);
    const statuses = new Set(arrayParam(req.query, 'status'));
    const latestStatus = (post: StatusPagePost) =>
      post.updates[post.updates.length - 1]?.statusId;
    const posts = [...statusPage.posts.values()].filter(
      p =>
        (!type || p.postType === type) &&
        (!statuses.size || statuses.has(latestStatus(p) ?? '')),
    );
    const { page, pagination } = whole(posts);
    res.json({
      ...pagination,
      posts: page.map(p => shapes.post(statusPage, p, false)),
    });
  });

  router.post('/status_pages/:id/posts', (req, res) => {
    const statusPage = pageOf(req);
    const { post: input } = parseBody(postBody, req.body);
    if (input.status_page.id !== statusPage.id)
      throw PagerDutyApiError.invalidInput(
        `status_page.id must be ${statusPage.id}, the page of the path`,
      );
    const post = written(() =>
      pages.createPost(statusPage, {
        title: input.title,
        postType: input.post_type,
        startsAt: input.starts_at ? new Date(input.starts_at) : null,
        endsAt: input.ends_at ? new Date(input.ends_at) : null,
        updates: input.updates.map(asInput),
      }),
    );
    res.status(201).json({ post: shapes.post(statusPage, post, false) });
  });

  router.get('/status_pages/:id/posts/:post_id', (req, res) => {
    const statusPage = pageOf(req);
    const post = postOf(req, statusPage);
    const include = arrayParam(req.query, 'include');
    res.json({
      post: shapes.post(
        statusPage,
        post,
        include.includes('status_page_post_update'),
      ),
    });
  });

  router.get('/status_pages/:id/posts/:post_id/post_updates', (req, res) => {
    const statusPage = pageOf(req);
    const post = postOf(req, statusPage);
    const { page, pagination } = whole(post.updates);
    res.json({
      ...pagination,
      post_updates: page.map(u => shapes.update(statusPage, u)),
    });
  });

  router.post('/status_pages/:id/posts/:post_id/post_updates', (req, res) => {
    const statusPage = pageOf(req);
    const post = postOf(req, statusPage);
    const { post_update: input } = parseBody(
      z.object({ post_update: updateBody }),
      req.body,
    );
    if (input.post && input.post.id !== post.id)
      throw PagerDutyApiError.invalidInput(
        `post.id must be ${post.id}, the post of the path`,
      );
    const update = written(() =>
      pages.addUpdate(statusPage, post, asInput(input)),
    );
    res.status(201).json({ post_update: shapes.update(statusPage, update) });
  });

  return router;
}
