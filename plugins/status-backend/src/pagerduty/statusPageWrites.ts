import { NotFoundError } from '@backstage/errors';
import { PagerDutyClient } from './PagerDutyClient';

/** A PagerDuty status page's objects a publisher names, by name and by ID. */
export type StatusPageObjects = {
  id: string;
  name: string;
  /** Its services: name → ID (and ID → ID). */
  services: Map<string, string>;
  /** The choices of incident posts, description → ID. */
  impacts: Map<string, string>;
  statuses: Map<string, string>;
  severities: Map<string, string>;
  /** The choices of maintenance posts, description → ID. */
  maintenance: {
    impacts: Map<string, string>;
    statuses: Map<string, string>;
    severities: Map<string, string>;
  };
};

/** An incident post, or a maintenance post with its window. */
export type StatusPagePostKind =
  | { postType: 'incident' }
  | { postType: 'maintenance'; startsAt: Date; endsAt: Date };

/** What one post update says: its status and severity, and each service's impact, by ID. */
export type StatusPageUpdate = {
  message: string;
  statusId: string;
  severityId: string;
  impacted: { serviceId: string; impactId: string }[];
};

type Choice = { id: string; description: string };

/**
 * Reads a status page, named by name or ID: its services and the statuses,
 * severities and impacts of incident and of maintenance posts
 * (`GET /status_pages` and seven reads of the page). A page the account does not have is a NotFoundError.
 */
export async function readStatusPage(
  client: PagerDutyClient,
  nameOrId: string,
): Promise<StatusPageObjects> {
  // the status pages' lists take no limit or offset: each is read whole
  const pages = await client.get<{ id: string; name: string }[]>(
    '/status_pages',
    {},
    'status_pages',
  );
  const page =
    pages.find(p => p.id === nameOrId) ?? pages.find(p => p.name === nameOrId);
  if (!page)
    throw new NotFoundError(
      `PagerDuty has no status page named or with the ID "${nameOrId}"`,
    );
  const base = `/status_pages/${encodeURIComponent(page.id)}`;
  const choices = async (
    kind: 'impacts' | 'statuses' | 'severities',
    postType: 'incident' | 'maintenance' = 'incident',
  ) =>
    new Map(
      (
        await client.get<Choice[]>(
          `${base}/${kind}`,
          { post_type: postType },
          kind,
        )
      ).map(c => [c.description, c.id]),
    );
  const services = await client.get<{ id: string; name: string }[]>(
    `${base}/services`,
    {},
    'services',
  );
  return {
    id: page.id,
    name: page.name,
    services: new Map(
      services.flatMap(s => [
        [s.name, s.id],
        [s.id, s.id],
      ]),
    ),
    impacts: await choices('impacts'),
    statuses: await choices('statuses'),
    severities: await choices('severities'),
    maintenance: {
      impacts: await choices('impacts', 'maintenance'),
      statuses: await choices('statuses', 'maintenance'),
      severities: await choices('severities', 'maintenance'),
    },
  };
}

const updateBody = (update: StatusPageUpdate, postId?: string) => ({
  type: 'status_page_post_update',
  message: update.message,
  status: { id: update.statusId, type: 'status_page_status' },
  severity: { id: update.severityId, type: 'status_page_severity' },
  impacted_services: update.impacted.map(i => ({
    service: { id: i.serviceId, type: 'status_page_service' },
    impact: { id: i.impactId, type: 'status_page_impact' },
  })),
  update_frequency_ms: null,
  notify_subscribers: false,
  ...(postId ? { post: { id: postId, type: 'status_page_post' } } : {}),
});

/** Opens a post on a page with its first update; answers the post's ID. */
export async function openStatusPagePost(
  client: PagerDutyClient,
  pageId: string,
  input: { title: string; update: StatusPageUpdate; kind?: StatusPagePostKind },
): Promise<string> {
  const kind = input.kind ?? { postType: 'incident' };
  const post = await client.post<{ id: string }>(
    `/status_pages/${encodeURIComponent(pageId)}/posts`,
    {
      post: {
        type: 'status_page_post',
        title: input.title,
        post_type: kind.postType,
        starts_at:
          kind.postType === 'maintenance' ? kind.startsAt.toISOString() : null,
        ends_at:
          kind.postType === 'maintenance' ? kind.endsAt.toISOString() : null,
        status_page: { id: pageId, type: 'status_page' },
        updates: [updateBody(input.update)],
      },
    },
    'post',
  );
  return post.id;
}

/** Adds an update to a post. */
export async function addStatusPagePostUpdate(
  client: PagerDutyClient,
  pageId: string,
  postId: string,
  update: StatusPageUpdate,
): Promise<void> {
  await client.post(
    `/status_pages/${encodeURIComponent(pageId)}/posts/${encodeURIComponent(
      postId,
    )}/post_updates`,
    { post_update: updateBody(update, postId) },
    'post_update',
  );
}
