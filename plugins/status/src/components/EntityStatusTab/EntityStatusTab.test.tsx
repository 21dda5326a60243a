import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityStatus,
  StatusChanges,
  StatusSimilarIncidents,
} from '@status-layer/plugin-status-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import userEvent from '@testing-library/user-event';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import {
  anEntityStatus,
  anIncident,
  aRootCause,
  freshAccount,
  levels,
} from '../../__fixtures__/entityStatus';
import { aHistory } from '../../__fixtures__/history';
import { timeOfDay } from '../common';
import { StatusApi, statusApiRef } from '../../api';
import { EntityStatusTab } from './EntityStatusTab';

const noSimilar = (entityRef: string): StatusSimilarIncidents => ({
  entityRef,
  incidents: [],
  hiddenMatches: 0,
  days: 90,
  generatedAt: new Date().toISOString(),
});

const noChanges = (entityRef: string): StatusChanges => ({
  entityRef,
  hours: 24,
  changes: [],
  hiddenChanges: 0,
  truncated: false,
  freshness: [],
  generatedAt: new Date().toISOString(),
});

const entity = (name = 'cart-web'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'ecommerce', lifecycle: 'production' },
});

const noSubscriptions = {
  subscriptions: [],
  max: 200,
  removed: 0,
  notificationsEnabled: true,
};

function renderTab(
  getEntityStatus: StatusApi['getEntityStatus'],
  name = 'cart-web',
) {
  const api: Partial<StatusApi> = {
    getEntityStatus,
    getEntityHistory: async entityRef => aHistory(entityRef, []),
    getResponse: async entityRef => ({
      entityRef,
      services: 1,
      periods: [],
      truncated: false,
    }),
    getChanges: async entityRef => noChanges(entityRef),
    getSimilarIncidents: async entityRef => noSimilar(entityRef),
    getSubscriptions: async () => noSubscriptions,
    getPublicLinks: async () => undefined,
    getHealth: async () => ({
      status: 'ok',
      database: 'ok',
      pagerDutyMode: 'live',
      checkedAt: new Date().toISOString(),
    }),
  };
  return renderInTestApp(
    <EntityProvider entity={entity(name)}>
      <EntityStatusTab />
    </EntityProvider>,
    {
      apis: [
        [statusApiRef, api as StatusApi],
        [catalogApiRef, catalogApiMock({ entities: [entity(name)] })],
        [catalogGraphApiRef, new DefaultCatalogGraphApi()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const headerLevel = () =>
  screen.getAllByRole('heading', { level: 2 })[0].querySelector('[data-level]');

/** Opens a closed section of the tab by its title. */
async function openSection(title: RegExp) {
  const button = screen.getByRole('button', { name: title });
  expect(button).toHaveAttribute('aria-expanded', 'false');
  await userEvent.click(button);
  expect(button).toHaveAttribute('aria-expanded', 'true');
}

describe('EntityStatusTab', () => {
  // a section's open or closed state is remembered in the browser
  beforeEach(() => window.localStorage.clear());

  it("words the explanation from its parts through the plugin's translations", async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('operational', 'degraded', 'degraded'),
        // the English line an older page would show; the parts win
        explanation: 'not this line',
        explanationParts: {
          level: 'degraded',
          reasons: [
            {
              kind: 'upstream',
              entityRef: 'component:default/auth-service',
              name: 'auth-service',
              level: 'major_outage',
              hops: 2,
            },
            { kind: 'own', incidents: 1, alerts: 2, afterUpstream: true },
          ],
        },
      }),
    );
    expect(await screen.findByTestId('status-explanation')).toHaveTextContent(
      'Degraded — impacted by auth-service (Major outage), 2 hops upstream and 1 active incident, 2 firing alerts of its own',
    );
  });

  it('shows a healthy service with its owner, on-call and freshness', async () => {
    const getEntityStatus = jest.fn(async () => anEntityStatus());
    await renderTab(getEntityStatus);
    await screen.findAllByRole('heading', { level: 2 });
    expect(getEntityStatus).toHaveBeenCalledWith('component:default/cart-web');
    expect(headerLevel()).toHaveAttribute('data-level', 'operational');
    expect(screen.getByText(/PagerDuty read 1\d s ago/)).toBeInTheDocument();
    // who to call, in the answer at the top
    const answer = screen.getByTestId('status-answer');
    expect(within(answer).getByText('Lin Shop')).toBeInTheDocument();
    expect(
      within(answer).getByRole('link', { name: /#ecommerce/ }),
    ).toHaveAttribute(
      'href',
      'https://slack.com/app_redirect?channel=ecommerce',
    );
    // nothing to tell: the sections stay closed to their summary line
    expect(screen.getByText('0 incidents, 0 alerts')).toBeInTheDocument();
    expect(screen.queryByText('No active incidents')).not.toBeInTheDocument();
    await openSection(/Own signals, owner and on-call/);
    expect(screen.getByText('No active incidents')).toBeInTheDocument();
    await openSection(/Upstream dependencies/);
    expect(
      screen.getByText('This entity depends on nothing in the catalog.'),
    ).toBeInTheDocument();
  });

  it('shows its own incident with status, urgency, priority, assignee and links', async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('major_outage', 'operational', 'major_outage'),
        explanation: 'Major outage — 1 active incident of its own',
        incidents: [anIncident({ title: 'Checkout returns 500' })],
      }),
    );
    expect(
      await screen.findByText('Major outage — 1 active incident of its own'),
    ).toBeInTheDocument();
    expect(headerLevel()).toHaveAttribute('data-level', 'major_outage');
    expect(
      screen.getByRole('link', { name: /#1042 Checkout returns 500/ }),
    ).toHaveAttribute('href', 'https://meridian.pagerduty.com/incidents/Q1');
    expect(screen.getByText('Acknowledged')).toBeInTheDocument();
    expect(screen.getByText('High urgency')).toBeInTheDocument();
    expect(screen.getByText('P1')).toBeInTheDocument();
    expect(screen.getByText(/opened 25 min ago/)).toBeInTheDocument();
    expect(screen.getByText('Assigned to Ada Platform')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Join the conference bridge/ }),
    ).toBeInTheDocument();
  });

  it('explains inherited impact with the 3-hop path, the root cause, its owner and on-call', async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('operational', 'degraded', 'degraded'),
        explanation:
          'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
        rootCauses: [aRootCause()],
        upstreams: [
          {
            ref: 'component:default/cart-api',
            critical: false,
            levels: levels('operational', 'major_outage', 'major_outage'),
            upstreams: [],
            truncated: true,
          },
        ],
      }),
    );
    expect(
      await screen.findByText(
        'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Why: upstream root cause')).toBeInTheDocument();
    // the answer says why and whom to call: the root cause's people
    const answer = screen.getByTestId('status-answer');
    expect(within(answer).getByText('Who to call (root cause)')).toBeVisible();
    expect(
      within(answer).getByRole('link', { name: /#identity-oncall/ }),
    ).toBeInTheDocument();
    const path = within(answer).getByLabelText(/^Dependency path:/);
    expect(
      within(path)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual(['cart-web', 'cart-api', 'membership-api', 'auth-service']);
    expect(
      within(path).getByRole('link', { name: 'auth-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service');
    expect(screen.getByText('3 hops upstream')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /#identity-oncall/ }),
    ).toHaveLength(2);
    const onCall = screen.getByRole('list', {
      name: 'On call for Identity on-call',
    });
    expect(within(onCall).getByText('Ada Platform')).toBeInTheDocument();
    expect(within(onCall).getByText('Grace Lead')).toBeInTheDocument();
    expect(
      screen.getByText('(further upstreams not shown)'),
    ).toBeInTheDocument();
  });

  it('answers with the root cause, whom to call and the bridge; for a hidden root cause, only whom to ask', async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('operational', 'degraded', 'degraded'),
        explanation:
          'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
        rootCauses: [aRootCause()],
      }),
    );
    const answer = await screen.findByTestId('status-answer');
    expect(
      within(answer).getByRole('link', { name: /^Join the bridge of #1042/ }),
    ).toHaveAttribute('href', expect.stringMatching(/^https:/));
    expect(within(answer).getByText(/on call now:/)).toHaveTextContent(
      /on call now: Ada Platform \(Identity on-call, level 1\)/,
    );
  });

  it('answers through a hidden entity in the middle of the path without naming it', async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('operational', 'degraded', 'degraded'),
        explanation:
          'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
        rootCauses: [
          aRootCause({
            path: [
              'component:default/cart-web',
              HIDDEN_ENTITY_REF,
              'component:default/auth-service',
            ],
          }),
        ],
      }),
    );
    const answer = await screen.findByTestId('status-answer');
    const path = within(answer).getByLabelText(/^Dependency path:/);
    expect(path).toHaveTextContent(
      'cart-web → an entity you cannot see → auth-service',
    );
    expect(
      within(path)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual(['cart-web', 'auth-service']);
  });

  it('never names a hidden root cause or its people in the answer, and points to the last entity the reader sees', async () => {
    const hidden = aRootCause({
      entityRef: HIDDEN_ENTITY_REF,
      rootLevel: null,
      path: [
        'component:default/cart-web',
        'component:default/membership-api',
        HIDDEN_ENTITY_REF,
      ],
      incidents: [],
      owner: null,
      escalationPolicies: [],
    });
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('operational', 'degraded', 'degraded'),
        explanation: 'Degraded — impacted by an upstream you cannot see',
        rootCauses: [hidden],
      }),
    );
    const answer = await screen.findByTestId('status-answer');
    expect(answer).toHaveTextContent(
      /the root cause is hidden from you; ask the owner of membership-api/,
    );
    expect(answer).not.toHaveTextContent(/auth-service|identity/i);
    expect(
      within(answer).queryByRole('link', { name: /bridge|incident/i }),
    ).toBeNull();
  });

  it("shows the entity's firing monitoring alerts with their tool and a link back", async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('partial_outage', 'operational', 'partial_outage'),
        alerts: [
          {
            source: 'datadog',
            sourceTitle: 'Datadog',
            fingerprint: 'cycle-1',
            state: 'firing',
            severity: 'error',
            title: 'Checkout latency high',
            startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
            url: 'https://app.datadoghq.com/event/event?id=1',
            labels: { service: 'cart-web' },
            entityRefs: ['component:default/cart-web'],
            receivedAt: new Date().toISOString(),
            toolSeverity: 'P2',
            match: { rule: 'label', key: 'service', value: 'cart-web' },
          },
        ],
      }),
    );
    expect(
      await screen.findByRole('link', { name: /Checkout latency high/ }),
    ).toHaveAttribute('href', 'https://app.datadoghq.com/event/event?id=1');
    expect(screen.getByText('Datadog')).toBeInTheDocument();
    // the tool's own word for its severity, and how the alert found this entity
    expect(screen.getByText('P2')).toBeInTheDocument();
    expect(
      screen.getByText('matched by label service=cart-web'),
    ).toBeInTheDocument();
    expect(screen.getByText('since 5 min')).toBeInTheDocument();
  });

  it('shows maintenance as its own level', async () => {
    await renderTab(async () =>
      anEntityStatus({
        levels: levels('under_maintenance', 'operational', 'under_maintenance'),
        explanation: 'Under maintenance',
      }),
    );
    await screen.findByText('Under maintenance', { selector: 'p' });
    expect(headerLevel()).toHaveAttribute('data-level', 'under_maintenance');
  });

  it('warns visibly when the incidents are stale, saying since when and why', async () => {
    const status = anEntityStatus();
    const failingSince = new Date(Date.now() - 10 * 60_000).toISOString();
    const stalePart = {
      lastSuccessAt: new Date(Date.now() - 12 * 60_000).toISOString(),
      lastError: 'PagerDuty answered 503 to GET /incidents',
      failingSince,
      stale: true,
    };
    status.freshness.pagerDuty = freshAccount({
      ...stalePart,
      stale: true,
      lastWebhookAt: new Date().toISOString(),
      parts: freshAccount().parts.map(p =>
        p.part === 'incidents' ? { ...p, ...stalePart } : p,
      ),
    });
    await renderTab(async () => status);
    expect(
      await screen.findByText(
        /Stale data: PagerDuty incidents last read 12 min ago/,
      ),
    ).toBeInTheDocument();
    // webhooks still arrive, yet the poll's data is what is stale
    expect(
      screen.getByText(
        `Incidents may be out of date: PagerDuty answered 503 to GET /incidents since ${timeOfDay(
          failingSince,
        )}`,
      ),
    ).toBeInTheDocument();
  });

  it('names a failing part at once, while the rest stays fresh', async () => {
    const status = anEntityStatus();
    const failingSince = new Date(Date.now() - 5 * 60_000).toISOString();
    status.freshness.pagerDuty = freshAccount({
      lastWebhookAt: new Date(Date.now() - 3_000).toISOString(),
      parts: freshAccount().parts.map(p =>
        p.part === 'oncalls'
          ? {
              ...p,
              lastError: 'PagerDuty answered 400 to GET /oncalls',
              failingSince,
              stale: true,
            }
          : p,
      ),
    });
    await renderTab(async () => status);
    expect(
      await screen.findByText('PagerDuty read 12 s ago · last webhook 3 s ago'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `On-call unknown: PagerDuty answered 400 to GET /oncalls since ${timeOfDay(
          failingSince,
        )}`,
      ),
    ).toBeInTheDocument();
  });

  it('says it waits for PagerDuty before anything was read, with the last attempt', async () => {
    const status = anEntityStatus({
      levels: levels('unknown', 'operational', 'unknown'),
      explanation: 'Unknown — waiting for PagerDuty',
    });
    status.freshness.pagerDuty = freshAccount({
      waiting: true,
      stale: true,
      lastSuccessAt: null,
      lastError: 'PagerDuty GET /services: rate limited (429), reset in 40 s',
      parts: freshAccount().parts.map(p => ({
        ...p,
        lastSuccessAt: null,
        stale: true,
      })),
    });
    await renderTab(async () => status);
    expect(
      await screen.findByText(/Waiting for PagerDuty: nothing read yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Last attempt: PagerDuty GET \/services: rate limited/),
    ).toBeInTheDocument();
    expect(headerLevel()).toHaveAttribute('data-level', 'unknown');
  });

  it('names the annotation to fix when one is wrong', async () => {
    await renderTab(async () =>
      anEntityStatus({
        monitored: false,
        levels: levels(undefined, 'operational', 'operational'),
        problems: [
          {
            annotation: 'pagerduty.com/service-id',
            // worded on the page from the code and its values
            message: "in the API reader's words",
            code: 'unknownService',
            params: { id: 'PNOSUCH', account: 'default' },
          },
          // a module's own problem, in its words
          { annotation: 'acme.io/selector', message: '"broken" is no pair' },
        ],
      }),
    );
    expect(
      await screen.findByText(/Status annotations need fixing \(2\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /PagerDuty has no service PNOSUCH \(account default\)\. Check the ID/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/in the API reader's words/)).toBeNull();
    expect(screen.getByText(/"broken" is no pair/)).toBeInTheDocument();
    // a misconfigured entity is told to fix, not to add, the annotation
    expect(screen.queryByText(/has no signal source of its own/)).toBeNull();
  });

  it('shows how to annotate an entity without signal sources, and what it inherits', async () => {
    await renderTab(
      async () =>
        anEntityStatus({
          entityRef: 'component:default/docs-site',
          monitored: false,
          levels: levels(undefined, 'operational', 'operational'),
          explanation: 'Operational — not monitored',
          escalationPolicies: [],
        }),
      'docs-site',
    );
    await screen.findAllByRole('heading', { level: 2 });
    expect(headerLevel()).toHaveAttribute('data-level', 'not_monitored');
    const snippet = await screen.findByText(
      (_, element) =>
        element?.tagName === 'CODE' &&
        /name: docs-site[\s\S]*pagerduty\.com\/service-id: PABC123/.test(
          element.textContent ?? '',
        ),
    );
    expect(snippet).toBeInTheDocument();
  });

  it('shows the downstream blast radius, each dependent a link', async () => {
    await renderTab(async () =>
      anEntityStatus({
        dependentCount: 12,
        impacted: [
          { entityRef: 'component:default/shop-web', level: 'degraded' },
          { entityRef: 'component:default/cart-api', level: 'major_outage' },
        ],
      }),
    );
    expect(
      await screen.findByText(
        '12 entities depend on this; 2 are currently impacted.',
      ),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Impacted dependents' });
    expect(
      within(list)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['shop-web', 'cart-api']);
  });

  it('counts the impacted dependents the backend did not list', async () => {
    await renderTab(async () =>
      anEntityStatus({
        dependentCount: 9000,
        impactedCount: 3000,
        impacted: [
          { entityRef: 'component:default/cart-api', level: 'major_outage' },
        ],
      }),
    );
    expect(
      await screen.findByText(
        '9000 entities depend on this; 3000 are currently impacted.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('and 2999 more')).toBeInTheDocument();
  });

  it('says "at least" when the backend stopped counting dependents', async () => {
    await renderTab(async () =>
      anEntityStatus({
        dependentCount: 4500,
        dependentCountAtLeast: true,
        impactedCount: 0,
        impacted: [],
      }),
    );
    expect(
      await screen.findByText('at least 4500 depend on this, 0 impacted'),
    ).toBeInTheDocument();
    await openSection(/Downstream impact/);
    expect(
      screen.getByText(
        'At least 4500 entities depend on this; 0 are currently impacted.',
      ),
    ).toBeInTheDocument();
  });

  it("refreshes when the backend pushes on the entity's own channel, not on changes elsewhere", async () => {
    const subscribers: { channel: string; onMessage: (m: object) => void }[] =
      [];
    const signalApi = {
      subscribe: (channel: string, onMessage: (m: object) => void) => {
        const subscriber = { channel, onMessage };
        subscribers.push(subscriber);
        return {
          unsubscribe: () =>
            subscribers.splice(subscribers.indexOf(subscriber), 1),
        };
      },
    };
    const push = (channel: string, scope: 'some' | 'all') =>
      act(() =>
        subscribers
          .filter(s => s.channel === channel)
          .forEach(s =>
            s.onMessage({
              type: 'status-changed',
              at: new Date().toISOString(),
              scope,
            }),
          ),
      );
    const getEntityStatus = jest
      .fn()
      .mockResolvedValueOnce(anEntityStatus({ rootCauses: [aRootCause()] }))
      .mockResolvedValue(
        anEntityStatus({
          levels: levels('major_outage', 'operational', 'major_outage'),
        }),
      );
    await renderInTestApp(
      <EntityProvider entity={entity()}>
        <EntityStatusTab />
      </EntityProvider>,
      {
        apis: [
          [
            statusApiRef,
            {
              getEntityStatus,
              getEntityHistory: async (ref: string) => aHistory(ref, []),
              getResponse: async (ref: string) => ({
                entityRef: ref,
                services: 1,
                periods: [],
                truncated: false,
              }),
              getChanges: async (ref: string) => noChanges(ref),
              getSubscriptions: async () => noSubscriptions,
              getPublicLinks: async () => undefined,
              getSimilarIncidents: async (ref: string) => noSimilar(ref),
              getHealth: async () => ({}),
            } as any,
          ],
          [catalogApiRef, catalogApiMock({ entities: [entity()] })],
          [catalogGraphApiRef, new DefaultCatalogGraphApi()],
          [signalApiRef, signalApi as any],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findAllByRole('heading', { level: 2 });
    // subscribed to the channel its status named
    await waitFor(() =>
      expect(subscribers.map(s => s.channel).sort()).toEqual([
        'status',
        'status:cart-web-channel',
      ]),
    );
    expect(getEntityStatus).toHaveBeenCalledTimes(1);
    // some change elsewhere in the company: nothing to do
    push('status', 'some');
    expect(getEntityStatus).toHaveBeenCalledTimes(1);
    // a change of this entity: read again, in place
    push('status:cart-web-channel', 'some');
    await waitFor(() =>
      expect(headerLevel()).toHaveAttribute('data-level', 'major_outage'),
    );
    expect(getEntityStatus).toHaveBeenCalledTimes(2);
    // every page is asked to read again
    push('status', 'all');
    await waitFor(() => expect(getEntityStatus).toHaveBeenCalledTimes(3));
  });

  it('shows an error with a retry that asks again', async () => {
    let calls = 0;
    await renderTab(async (): Promise<EntityStatus> => {
      calls++;
      if (calls === 1) throw new Error('backend exploded');
      return anEntityStatus();
    });
    expect(
      await screen.findByText(/Could not load the status of this entity/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findAllByRole('heading', { level: 2 });
    expect(headerLevel()).toHaveAttribute('data-level', 'operational');
    expect(calls).toBe(2);
  });
});
