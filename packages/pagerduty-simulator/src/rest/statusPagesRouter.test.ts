import { PagerDutyOpenApi } from '../openapi/PagerDutyOpenApi';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const auth = pagerDutyRequestHeaders();

describe('status pages', () => {
  const contract = PagerDutyOpenApi.rest();
  let sim: PagerDutySimulator;

  beforeAll(async () => {
    sim = await startPagerDutySimulator({
      seed: 5,
      historyDays: 0,
      catalog: { services: [], groups: [] },
      statusPages: [
        { name: 'Meridian status', services: ['Sign-in', 'Shop'] },
        { name: 'Internal', type: 'private', services: ['Builds'] },
      ],
    });
  });
  afterAll(() => sim.close());

  /** A request, and its answer checked against PagerDuty's document. */
  const call = async (
    method: 'get' | 'post',
    url: string,
    documented: string,
    body?: object,
  ) => {
    const response = await fetch(`${sim.url}${url}`, {
      method: method.toUpperCase(),
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (response.ok)
      expect(
        contract.responseErrors(documented, method, response.status, json),
      ).toEqual([]);
    return { status: response.status, body: json };
  };

  /** The page's IDs a publisher reads first, by description. */
  async function pageObjects() {
    const pages = await call(
      'get',
      '/status_pages?status_page_type=public',
      '/status_pages',
    );
    expect(pages.body.status_pages.map((p: any) => p.name)).toEqual([
      'Meridian status',
    ]);
    const id = pages.body.status_pages[0].id;
    const byDescription = async (kind: string) => {
      const answer = await call(
        'get',
        `/status_pages/${id}/${kind}?post_type=incident`,
        `/status_pages/{id}/${kind}`,
      );
      return Object.fromEntries(
        answer.body[kind].map((c: any) => [c.description, c.id]),
      );
    };
    const services = await call(
      'get',
      `/status_pages/${id}/services`,
      '/status_pages/{id}/services',
    );
    return {
      id,
      services: Object.fromEntries(
        services.body.services.map((s: any) => [s.name, s.id]),
      ),
      impacts: await byDescription('impacts'),
      statuses: await byDescription('statuses'),
      severities: await byDescription('severities'),
    };
  }

  const update = (
    page: Awaited<ReturnType<typeof pageObjects>>,
    status: string,
    impacts: Record<string, string>,
  ) => ({
    type: 'status_page_post_update',
    message: `Sign-in is ${status.toLowerCase()}`,
    status: { id: page.statuses[status], type: 'status_page_status' },
    severity: { id: page.severities.Major, type: 'status_page_severity' },
    impacted_services: Object.entries(impacts).map(([service, impact]) => ({
      service: { id: page.services[service], type: 'status_page_service' },
      impact: { id: page.impacts[impact], type: 'status_page_impact' },
    })),
    update_frequency_ms: null,
    notify_subscribers: false,
  });

  /** `POST /status_pages/{id}/posts`: an incident post with one update, and these changes. */
  const openPost = (
    page: Awaited<ReturnType<typeof pageObjects>>,
    first: object,
    changes: object = {},
  ) =>
    call('post', `/status_pages/${page.id}/posts`, '/status_pages/{id}/posts', {
      post: {
        type: 'status_page_post',
        title: 'Sign-in failing',
        post_type: 'incident',
        starts_at: null,
        ends_at: null,
        status_page: { id: page.id, type: 'status_page' },
        updates: [first],
        ...changes,
      },
    });

  it('lists pages, their services and the choices of incident posts, as documented', async () => {
    const page = await pageObjects();
    expect(Object.keys(page.services)).toEqual(['Sign-in', 'Shop']);
    expect(Object.keys(page.impacts)).toEqual([
      'Operational',
      'Degraded performance',
      'Partial outage',
      'Major outage',
    ]);
    expect(Object.keys(page.statuses)).toEqual([
      'Investigating',
      'Identified',
      'Monitoring',
      'Resolved',
    ]);
    const all = await call('get', '/status_pages', '/status_pages');
    expect(all.body.status_pages).toHaveLength(2);
    expect(sim.refusedRequests).toEqual([]);
  });

  it('opens an incident post, updates it until resolved, and lists it by its latest status', async () => {
    const page = await pageObjects();
    const opened = await openPost(
      page,
      update(page, 'Investigating', {
        'Sign-in': 'Major outage',
        Shop: 'Degraded performance',
      }),
    );
    expect(opened.status).toBe(201);
    const postId = opened.body.post.id;
    const resolved = await call(
      'post',
      `/status_pages/${page.id}/posts/${postId}/post_updates`,
      '/status_pages/{id}/posts/{post_id}/post_updates',
      {
        post_update: {
          ...update(page, 'Resolved', {
            'Sign-in': 'Operational',
            Shop: 'Operational',
          }),
          post: { id: postId, type: 'status_page_post' },
        },
      },
    );
    expect(resolved.status).toBe(201);
    const read = await call(
      'get',
      `/status_pages/${page.id}/posts/${postId}?include[]=status_page_post_update`,
      '/status_pages/{id}/posts/{post_id}',
    );
    expect(
      read.body.post.updates.map((u: any) => [
        u.status.id,
        u.impacted_services.map((i: any) => i.impact.id),
      ]),
    ).toEqual([
      [
        page.statuses.Investigating,
        [page.impacts['Major outage'], page.impacts['Degraded performance']],
      ],
      [
        page.statuses.Resolved,
        [page.impacts.Operational, page.impacts.Operational],
      ],
    ]);
    const open = await call(
      'get',
      `/status_pages/${page.id}/posts?status[]=${page.statuses.Investigating}`,
      '/status_pages/{id}/posts',
    );
    expect(open.body.posts.map((p: any) => p.id)).not.toContain(postId);
    const done = await call(
      'get',
      `/status_pages/${page.id}/posts?status[]=${page.statuses.Resolved}`,
      '/status_pages/{id}/posts',
    );
    expect(done.body.posts.map((p: any) => p.id)).toContain(postId);
    const updates = await call(
      'get',
      `/status_pages/${page.id}/posts/${postId}/post_updates`,
      '/status_pages/{id}/posts/{post_id}/post_updates',
    );
    expect(updates.body.post_updates).toHaveLength(2);
    expect(sim.refusedRequests).toEqual([]);
  });

  it("refuses what the page's own objects do not allow, and what the document does not", async () => {
    const page = await pageObjects();
    const post = (changes: object, first = update(page, 'Investigating', {})) =>
      openPost(page, first, changes);
    const maintenanceStatus = {
      ...update(page, 'Investigating', {}),
      status: { id: 'PNOSUCH', type: 'status_page_status' },
    };
    const wrongStatus = await post({}, maintenanceStatus);
    expect(wrongStatus.status).toBe(400);
    expect(JSON.stringify(wrongStatus.body)).toContain(
      'is not one of the statuses',
    );
    const otherService = {
      ...update(page, 'Investigating', {}),
      impacted_services: [
        {
          service: { id: 'PBUILDS', type: 'status_page_service' },
          impact: {
            id: page.impacts['Major outage'],
            type: 'status_page_impact',
          },
        },
      ],
    };
    expect((await post({}, otherService)).status).toBe(400);
    const twice = update(page, 'Investigating', { 'Sign-in': 'Major outage' });
    twice.impacted_services.push(twice.impacted_services[0]);
    expect((await post({}, twice)).status).toBe(400);
    expect((await post({ post_type: 'maintenance' })).status).toBe(400);
    expect((await post({ updates: [] })).status).toBe(400);
    // PagerDuty's documented bound on a title
    const longTitle = await post({ title: 'x'.repeat(129) });
    expect(longTitle.status).toBe(400);
    const missing = await call(
      'get',
      '/status_pages/PNOPAGE/services',
      '/status_pages/{id}/services',
    );
    expect(missing.status).toBe(404);
    expect(
      [...sim.state.statusPages.page(page.id)!.posts.values()].filter(
        p => p.title === 'Sign-in failing' && p.updates[0].impacted.length > 1,
      ),
    ).toHaveLength(1);
  });
});
