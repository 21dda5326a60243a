import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { pagedStatusApi } from '../../__fixtures__/pagedStatusApi';
import { aSummary, aSummaryEntity } from '../../__fixtures__/summary';
import { StatusApi, statusApiRef } from '../../api';
import { StatusDashboard } from './StatusDashboard';

function renderDashboard(
  overrides: Partial<StatusApi> = {},
  route = '/status',
) {
  const api: Partial<StatusApi> = {
    ...pagedStatusApi(),
    getIncidents: async () => ({ incidents: [] }),
    getMaintenance: async () => ({ windows: [] }),
    getAlertSources: async () => ({ sources: [] }),
    getHealth: async () => ({
      status: 'ok',
      database: 'ok',
      pagerDutyMode: 'live',
      checkedAt: new Date().toISOString(),
    }),
    ...overrides,
  };
  return {
    api,
    ...renderInTestApp(<StatusDashboard />, {
      apis: [
        [statusApiRef, api as StatusApi],
        mockApis.identity({
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: [
            'user:default/guest',
            'group:default/ecommerce',
          ],
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [route],
    }),
  };
}

const rows = () =>
  within(screen.getByTestId('everything-list'))
    .getAllByRole('listitem')
    .map(row => row.textContent);

describe('StatusDashboard', () => {
  // jsdom lays nothing out; give the virtualised list a screenful to fill
  beforeAll(() => {
    jest
      .spyOn(HTMLElement.prototype, 'clientHeight', 'get')
      .mockReturnValue(2000);
    jest
      .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
      .mockReturnValue(1000);
  });
  afterAll(() => jest.restoreAllMocks());

  it('shows one upstream failure as one problem with its blast radius', async () => {
    await renderDashboard();
    expect(
      await screen.findByText(
        '1 major outage and 1 degraded service affecting 27 other entities',
      ),
    ).toBeInTheDocument();
    // 27 impacted services, one row
    const auth = screen.getByTestId('problem-component:default/auth-service');
    expect(auth).toHaveTextContent('27 impacted');
    expect(auth).toHaveTextContent('On call: Ada Platform');
    expect(auth).toHaveTextContent('“Login failing for 40% of users”');
    expect(screen.getAllByTestId(/^problem-/)).toHaveLength(2);
    // points-api's own incident opened while auth-service failed: said at once
    expect(
      screen.getByTestId('problem-component:default/points-api'),
    ).toHaveTextContent('Probably a symptom of auth-service');
    expect(auth).not.toHaveTextContent('Probably a symptom');
    await userEvent.click(
      within(auth).getByRole('button', { name: /Major outage.*auth-service/ }),
    );
    const impacted = await screen.findByRole('list', {
      name: 'Impacted by component:default/auth-service',
    });
    expect(within(impacted).getAllByRole('listitem')).toHaveLength(27);
  });

  it('reads its filters and grouping from the URL, and writes them back', async () => {
    await renderDashboard(
      {},
      '/status?tab=everything&group=flat&owner=group:default/platform',
    );
    await screen.findByText('2 of 31 entities');
    expect(rows()).toEqual([
      expect.stringContaining('auth-service'),
      expect.stringContaining('docs-site'),
    ]);
    await userEvent.type(screen.getByLabelText('Search'), 'docs');
    await screen.findByText('1 of 31 entities');
    expect(rows()).toEqual([expect.stringContaining('Not monitored')]);
  });

  it('groups by owner with roll-up levels and folds a group', async () => {
    await renderDashboard({}, '/status?tab=everything&group=owner');
    await screen.findByText('31 of 31 entities');
    expect(rows()[0]).toMatch(/^ecommerce.*Major outage.*14 entities$/);
    await userEvent.click(
      screen.getByRole('button', { name: 'Collapse ecommerce' }),
    );
    expect(rows()[1]).toMatch(/^platform/);
  });

  it("shows the reader's teams and everything they depend on", async () => {
    const { api } = await renderDashboard(
      {},
      '/status?tab=everything&mine=true',
    );
    await screen.findByText(
      /^15 of 15 entities \(your teams: group:default\/ecommerce/,
    );
    expect(api.getSummary).toHaveBeenCalledWith(
      { within: ['group:default/ecommerce'] },
      { limit: 0 },
    );
    // the list asks the backend for the rows of the same scope
    expect(api.getSummaryRows).toHaveBeenLastCalledWith(
      expect.objectContaining({ within: ['group:default/ecommerce'] }),
      { offset: 0, limit: 200 },
    );
  });

  it('asks the backend for the rows in view only, a page at a time', async () => {
    const many = aSummary();
    many.entities = Array.from({ length: 1000 }, (_, i) =>
      aSummaryEntity(`svc-${String(i).padStart(4, '0')}`),
    );
    const paged = pagedStatusApi(many);
    await renderDashboard(paged, '/status?tab=everything&group=flat');
    await screen.findByText('1000 of 1000 entities');
    expect(screen.getByTestId('everything-list')).toHaveAttribute(
      'data-rows',
      '1000',
    );
    // a screenful of rows from the first page; nothing past it was asked for
    expect(rows()[0]).toContain('svc-0000');
    expect(
      paged.getSummaryRows.mock.calls.every(([, page]) => page.offset === 0),
    ).toBe(true);
    // the summary itself carries no entity list
    expect(paged.getSummary).toHaveBeenCalledWith(undefined, { limit: 0 });
  });

  it('pages the problems beyond the first ones when asked', async () => {
    const many = aSummary();
    const [first] = many.problems;
    many.problems = Array.from({ length: 45 }, (_, i) => ({
      ...first,
      entityRef: `component:default/broken-${String(i).padStart(2, '0')}`,
      impactedCount: 0,
      impacted: [],
    }));
    await renderDashboard(pagedStatusApi(many));
    await waitFor(() =>
      expect(screen.getAllByTestId(/^problem-/)).toHaveLength(20),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 25 more of 25 other problems' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId(/^problem-/)).toHaveLength(45),
    );
    expect(
      screen.queryByRole('button', { name: /other problems/ }),
    ).not.toBeInTheDocument();
  });

  it('lists alerts that match no entity with their labels, candidates and the annotation to add, page by page', async () => {
    const getUnmatchedAlerts = jest.fn(async (query?: any) => ({
      alerts: [
        {
          source: 'alertmanager',
          sourceTitle: 'Prometheus Alertmanager',
          fingerprint: `f${query?.offset ?? 0}`,
          state: 'firing' as const,
          severity: 'critical' as const,
          title: `HighErrorRate at ${query?.offset ?? 0}`,
          startedAt: new Date().toISOString(),
          labels: { job: 'mystery', env: 'prod' },
          entityRefs: [],
          receivedAt: new Date(Date.now() - 9 * 3_600_000).toISOString(),
          stale: true,
          candidates: ['component:default/mystery-api'],
          suggestion: 'prometheus.io/alert-selector: job=mystery',
        },
      ],
      total: 30,
      limit: 25,
      offset: query?.offset ?? 0,
    }));
    await renderDashboard(
      {
        getUnmatchedAlerts,
        getAlertSources: async () => ({
          sources: [
            {
              id: 'datadog',
              title: 'Datadog',
              enabled: true,
              lastReceivedAt: null,
              problem:
                'Datadog has 10000 firing alerts, the most it may keep; new firing alerts are refused until some resolve',
              problemSince: new Date().toISOString(),
            },
          ],
        }),
      },
      '/status?tab=unmatched',
    );
    expect(await screen.findByText('HighErrorRate at 0')).toBeInTheDocument();
    expect(screen.getByText('job=mystery, env=prod')).toBeInTheDocument();
    expect(
      screen.getByText('component:default/mystery-api'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('prometheus.io/alert-selector: job=mystery'),
    ).toBeInTheDocument();
    expect(screen.getByText(/it may have ended/)).toBeInTheDocument();
    expect(screen.getByText(/Datadog: alerts refused/)).toBeInTheDocument();
    expect(screen.getByText('1–25 of 30')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('HighErrorRate at 25')).toBeInTheDocument();
    expect(getUnmatchedAlerts).toHaveBeenLastCalledWith({
      source: '',
      q: '',
      limit: 25,
      offset: 25,
    });
  });

  it('tells readers without status.admin why they see no unmatched alerts', async () => {
    await renderDashboard(
      {
        getUnmatchedAlerts: async () => {
          throw Object.assign(new Error('Only status admins may read it'), {
            name: 'ResponseError',
            statusCode: 403,
          });
        },
        getAlertSources: async () => ({ sources: [] }),
      },
      '/status?tab=unmatched',
    );
    expect(await screen.findByText(/For status admins/)).toBeInTheDocument();
    expect(
      screen.getByText(/can name services you may not read/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Only status admins may read it/)).toBeNull();
  });

  it('counts the entities not monitored and the misconfigured ones apart from operational, and says what each counts', async () => {
    const summary = aSummary();
    await renderDashboard({
      getSummary: async () => ({
        ...summary,
        counts: { ...summary.counts, not_monitored: 7, misconfigured: 2 },
      }),
    });
    const counts = await screen.findByRole('list', {
      name: 'Entities per level',
    });
    const items = within(counts)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        '2Operational',
        '7Not monitored',
        '2Misconfigured',
      ]),
    );
    const meanings = screen.getByRole('list', { name: 'What these count' });
    expect(meanings).toHaveTextContent(
      /Misconfigured: Its annotations name something that does not exist/,
    );
    expect(meanings).toHaveTextContent(/Not monitored: No PagerDuty service/);
  });

  it('offers a retry when the backend cannot be reached', async () => {
    let calls = 0;
    await renderDashboard({
      getSummary: async () => {
        calls++;
        if (calls === 1) throw new Error('connection refused');
        return aSummary();
      },
    });
    expect(
      await screen.findByText(/Could not load the company's status/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(
        screen.getByRole('list', { name: 'Entities per level' }),
      ).toBeInTheDocument(),
    );
  });

  it('lists ongoing and planned maintenance with the services it covers', async () => {
    const hour = 3_600_000;
    renderDashboard({
      getMaintenance: async () => ({
        windows: [
          {
            id: 'M1',
            description: 'Search cluster upgrade',
            startTime: new Date(Date.now() - hour).toISOString(),
            endTime: new Date(Date.now() + hour).toISOString(),
            createdBy: 'Ada Lovelace',
            ongoing: true,
            entityRefs: ['component:default/search-service'],
          },
        ],
      }),
    });
    const list = await screen.findByRole(
      'list',
      { name: 'Company maintenance' },
      // read after the summary: two answers before it shows
      { timeout: 5_000 },
    );
    expect(list).toHaveTextContent(
      /Under maintenanceSearch cluster upgrade: until .+ \(planned by Ada Lovelace\)search-service/,
    );
  });

  it('says when a status page kept in step could not be updated, and nothing while all are', async () => {
    const failingSince = new Date(Date.now() - 10 * 60_000).toISOString();
    await renderDashboard({
      getHealth: async () => ({
        status: 'ok',
        database: 'ok',
        pagerDutyMode: 'live',
        checkedAt: new Date().toISOString(),
        statusPages: [
          {
            account: 'default',
            page: 'Meridian status',
            state: 'failing',
            failingSince,
            lastSuccessAt: failingSince,
          },
          { account: 'default', page: 'Internal', state: 'ok' },
        ],
      }),
    });
    expect(
      await screen.findByText(/A status page is not kept in step/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^The status page “Meridian status” could not be updated since .+: it shows what was last published, at .+\./,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/“Internal”/)).toBeNull();
  });

  it("shows each entity's error budget left in the everything list", async () => {
    await renderDashboard(
      {
        getSummaryRows: async () => ({
          rows: [
            {
              type: 'entity',
              key: 'component:default/cart-api',
              depth: 0,
              entity: aSummaryEntity('cart-api', {
                budget: {
                  target: 0.995,
                  windowDays: 7,
                  budgetLeft: 0.38,
                  ownUsed: 0,
                  inheritedUsed: 0.62,
                  topUpstream: {
                    ref: 'component:default/auth-service',
                    used: 0.62,
                  },
                  burning: 'inherited',
                  computedAt: new Date().toISOString(),
                },
              }),
            },
          ],
          total: 1,
          entities: 1,
          offset: 0,
          limit: 200,
        }),
      },
      '/status?tab=everything&group=flat',
    );
    const badge = await screen.findByTestId('budget-badge');
    expect(badge).toHaveTextContent('38 % budget · burning fast');
    expect(badge).toHaveTextContent(
      'Most by auth-service (62 %). Burning fast: inherited from upstreams.',
    );
  });

  it("shows each entity's last seven days in the everything list", async () => {
    const asked: unknown[] = [];
    await renderDashboard(
      {
        getSummaryRows: async query => {
          asked.push(query);
          return {
            rows: [
              {
                type: 'entity',
                key: 'component:default/cart-api',
                depth: 0,
                entity: aSummaryEntity('cart-api', {
                  recent: [
                    null,
                    null,
                    'operational',
                    'operational',
                    'degraded',
                    'major_outage',
                    'operational',
                  ],
                }),
              },
            ],
            total: 1,
            entities: 1,
            offset: 0,
            limit: 200,
          };
        },
      },
      '/status?tab=everything&group=flat',
    );
    expect(
      await screen.findByRole('img', {
        name: 'Last 7 days, oldest first: no data, no data, Operational, Operational, Degraded, Major outage, Operational',
      }),
    ).toBeInTheDocument();
    expect(asked[0]).toMatchObject({ historyDays: 7 });
  });

  it('has a Coverage tab, reached from the URL', async () => {
    const list = { items: [], total: 0 };
    await renderDashboard(
      {
        getCoverage: async () => ({
          canMap: false,
          totals: { components: 4, production: 3, monitored: 2 },
          groups: { domain: list, system: list, owner: list },
          lifecycles: ['production'],
          components: { ...list, offset: 0, limit: 200 },
          unreferencedServices: list,
          unknownServices: list,
          sharedServices: list,
        }),
        getDependencyCoverage: async () => ({
          mode: 'suggest' as const,
          pagerDutyOnly: [],
          catalogOnly: [],
          truncated: false,
        }),
      },
      '/status?tab=coverage',
    );
    expect(
      await screen.findByText(
        '2 of 3 production components are monitored (4 components in all).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Coverage' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
