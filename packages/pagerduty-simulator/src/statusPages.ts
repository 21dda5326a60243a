import { createHash } from 'node:crypto';

/** A status page as a seed defines it: its name and the services it shows, by name. */
export type StatusPageDefinition = {
  name: string;
  type?: 'public' | 'private';
  services: string[];
};

/** A choice a post update makes (status, severity, impact), per post type. */
export type StatusPageChoice = {
  id: string;
  description: string;
  postType: 'incident' | 'maintenance';
};

/** One update of a post: what the page says and each service's impact. */
export type StatusPagePostUpdate = {
  id: string;
  postId: string;
  message: string;
  statusId: string;
  severityId: string;
  impacted: { serviceId: string; impactId: string }[];
  updateFrequencyMs: number | null;
  notifySubscribers: boolean;
  reportedAt: Date;
};

/** A post (an incident or a maintenance) of a status page, its updates oldest first. */
export type StatusPagePost = {
  id: string;
  pageId: string;
  title: string;
  postType: 'incident' | 'maintenance';
  startsAt: Date | null;
  endsAt: Date | null;
  updates: StatusPagePostUpdate[];
};

/** A simulated status page. */
export type StatusPage = {
  id: string;
  name: string;
  type: 'public' | 'private';
  publishedAt: Date;
  services: { id: string; name: string }[];
  statuses: StatusPageChoice[];
  severities: StatusPageChoice[];
  impacts: StatusPageChoice[];
  posts: Map<string, StatusPagePost>;
};

/** What a new update says, by the page's IDs. */
export type StatusPageUpdateInput = {
  message: string;
  statusId: string;
  severityId: string;
  impacted: { serviceId: string; impactId: string }[];
  updateFrequencyMs: number | null;
  notifySubscribers: boolean;
};

/** A write the page's own objects do not allow: PagerDuty answers 400. */
export class StatusPageInputError extends Error {
  name = 'StatusPageInputError';
}

/** The choices every simulated page offers, as a new PagerDuty status page has them. */
const CHOICES: Record<
  'statuses' | 'severities' | 'impacts',
  [StatusPageChoice['postType'], string][]
> = {
  statuses: [
    ['incident', 'Investigating'],
    ['incident', 'Identified'],
    ['incident', 'Monitoring'],
    ['incident', 'Resolved'],
    ['maintenance', 'Scheduled'],
    ['maintenance', 'In progress'],
    ['maintenance', 'Completed'],
  ],
  severities: [
    ['incident', 'All good'],
    ['incident', 'Minor'],
    ['incident', 'Major'],
    ['maintenance', 'Maintenance'],
  ],
  impacts: [
    ['incident', 'Operational'],
    ['incident', 'Degraded performance'],
    ['incident', 'Partial outage'],
    ['incident', 'Major outage'],
    ['maintenance', 'Under maintenance'],
  ],
};

/** A PagerDuty-shaped ID derived from a name: seeding pages draws nothing, so no other seeded object moves. */
export function derivedId(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let id = 'P';
  for (let i = 0; i < 6; i++) id += alphabet[digest[i] % alphabet.length];
  return id;
}

/**
 * The account's status pages: each with its services, the statuses,
 * severities and impacts a post update may name, and its posts. Writes are
 * checked against the page's own objects, as PagerDuty checks them.
 */
export class StatusPages {
  readonly pages = new Map<string, StatusPage>();
  private written = 0;

  constructor(private readonly now: () => Date) {}

  /** Adds a page (its IDs derived from its name and its services'). */
  add(definition: StatusPageDefinition): StatusPage {
    const id = derivedId(`status-page:${definition.name}`);
    const choices = (kind: keyof typeof CHOICES) =>
      CHOICES[kind].map(([postType, description]) => ({
        id: derivedId(`${id}:${kind}:${postType}:${description}`),
        description,
        postType,
      }));
    const page: StatusPage = {
      id,
      name: definition.name,
      type: definition.type ?? 'public',
      publishedAt: this.now(),
      services: definition.services.map(name => ({
        id: derivedId(`${id}:service:${name}`),
        name,
      })),
      statuses: choices('statuses'),
      severities: choices('severities'),
      impacts: choices('impacts'),
      posts: new Map(),
    };
    this.pages.set(id, page);
    return page;
  }

  page(id: string): StatusPage | undefined {
    return this.pages.get(id);
  }

  /** Opens a post with its first updates. */
  createPost(
    page: StatusPage,
    input: {
      title: string;
      postType: 'incident' | 'maintenance';
      startsAt: Date | null;
      endsAt: Date | null;
      updates: StatusPageUpdateInput[];
    },
  ): StatusPagePost {
    if (input.postType === 'maintenance' && (!input.startsAt || !input.endsAt))
      throw new StatusPageInputError(
        'A maintenance post needs starts_at and ends_at',
      );
    if (input.startsAt && input.endsAt && input.startsAt > input.endsAt)
      throw new StatusPageInputError('starts_at must be before ends_at');
    const post: StatusPagePost = {
      id: this.nextId(page.id, 'post'),
      pageId: page.id,
      title: input.title,
      postType: input.postType,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      updates: [],
    };
    const updates = input.updates.map(u => this.checked(page, post, u));
    post.updates.push(...updates);
    page.posts.set(post.id, post);
    return post;
  }

  /** Adds an update to a post. */
  addUpdate(
    page: StatusPage,
    post: StatusPagePost,
    input: StatusPageUpdateInput,
  ): StatusPagePostUpdate {
    const update = this.checked(page, post, input);
    post.updates.push(update);
    return update;
  }

  /** An update whose IDs all belong to the page and the post's type. */
  private checked(
    page: StatusPage,
    post: StatusPagePost,
    input: StatusPageUpdateInput,
  ): StatusPagePostUpdate {
    const pick = (
      kind: 'statuses' | 'severities' | 'impacts',
      choiceId: string,
    ) => {
      const choice = page[kind].find(c => c.id === choiceId);
      if (!choice || choice.postType !== post.postType)
        throw new StatusPageInputError(
          `${choiceId} is not one of the ${kind} of status page ${page.id} for ${post.postType} posts`,
        );
    };
    pick('statuses', input.statusId);
    pick('severities', input.severityId);
    const seen = new Set<string>();
    for (const impact of input.impacted) {
      if (!page.services.some(s => s.id === impact.serviceId))
        throw new StatusPageInputError(
          `${impact.serviceId} is not a service of status page ${page.id}`,
        );
      if (seen.has(impact.serviceId))
        throw new StatusPageInputError(
          `service ${impact.serviceId} is impacted twice in one update`,
        );
      seen.add(impact.serviceId);
      pick('impacts', impact.impactId);
    }
    return {
      id: this.nextId(page.id, 'update'),
      postId: post.id,
      message: input.message,
      statusId: input.statusId,
      severityId: input.severityId,
      impacted: input.impacted,
      updateFrequencyMs: input.updateFrequencyMs,
      notifySubscribers: input.notifySubscribers,
      reportedAt: this.now(),
    };
  }

  private nextId(pageId: string, kind: string) {
    this.written += 1;
    return derivedId(`${pageId}:${kind}:${this.written}`);
  }
}
