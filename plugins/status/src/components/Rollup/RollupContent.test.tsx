import { levels } from '../../__fixtures__/entityStatus';
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  TranslationApi,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  countDisplayLevels,
  StatusRollup,
} from '@status-layer/plugin-status-common';
import { screen, within } from '@testing-library/react';
import { aHistory } from '../../__fixtures__/history';
import { StatusApi, statusApiRef } from '../../api';
import { statusTranslationRef } from '../../translation';
import ja from '../../translations/ja';
import { RollupCard, RollupContent } from './RollupContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'ecommerce', namespace: 'default' },
  spec: { type: 'business-unit', children: [] },
};

const rollup: StatusRollup = {
  entityRef: 'group:default/ecommerce',
  level: 'major_outage',
  displayLevel: 'major_outage',
  counts: countDisplayLevels(['major_outage', 'degraded', 'not_monitored']),
  members: [
    {
      entityRef: 'component:default/cart-api',
      kind: 'Component',
      name: 'cart-api',
      levels: levels('operational', 'major_outage', 'major_outage'),
      displayLevel: 'major_outage',
      rootCauses: [
        {
          entityRef: 'component:default/auth-service',
          level: 'major_outage',
          hops: 2,
        },
      ],
      activeIncidents: 0,
    },
    {
      entityRef: 'component:default/shop-web',
      kind: 'Component',
      name: 'shop-web',
      levels: levels('operational', 'degraded', 'degraded'),
      displayLevel: 'degraded',
      rootCauses: [
        {
          entityRef: 'component:default/auth-service',
          level: 'degraded',
          hops: 3,
        },
      ],
      activeIncidents: 0,
    },
    {
      entityRef: 'component:default/search-api',
      kind: 'Component',
      name: 'search-api',
      // no signal source of its own: not counted as operational
      levels: levels(undefined, 'operational', 'operational'),
      displayLevel: 'not_monitored',
      rootCauses: [],
      activeIncidents: 0,
    },
  ],
  upstreamProblems: [
    {
      entityRef: 'component:default/auth-service',
      level: 'major_outage',
      owner: {
        entityRef: 'group:default/identity',
        slackChannel: '#identity-oncall',
      },
      impacts: ['component:default/cart-api', 'component:default/shop-web'],
    },
  ],
  freshness: { stale: false, lastSuccessAt: new Date().toISOString() },
};

/**
 * The translation API of an app whose reader chose Japanese: the status
 * plugin's shipped Japanese words (a plural by its one form, `_other`),
 * English where there are none.
 */
function japaneseTranslationApi(): TranslationApi {
  const english = mockApis.translation();
  const japanese = ja.messages as Record<string, string | null | undefined>;
  return {
    getTranslation(ref) {
      const snapshot = english.getTranslation(ref);
      if (!snapshot.ready || ref.id !== statusTranslationRef.id)
        return snapshot;
      const t = snapshot.t as unknown as (
        key: string,
        params?: object,
      ) => string;
      const translate = (key: string, params: Record<string, unknown> = {}) => {
        const text = japanese[key] ?? japanese[`${key}_other`];
        if (!text) return t(key, params);
        return text.replace(/\{\{(\w+)\}\}/g, (_, name) =>
          String(params[name]),
        );
      };
      return { ...snapshot, t: translate as typeof snapshot.t };
    },
    translation$: () => english.translation$(),
  };
}

function renderWith(
  element: JSX.Element,
  translationApi: TranslationApi = mockApis.translation(),
) {
  const api: Partial<StatusApi> = {
    getRollup: jest.fn(async () => rollup),
    getResponse: async entityRef => ({
      entityRef,
      services: 2,
      periods: [],
      truncated: false,
    }),
    getRollupHistory: async entityRef => ({
      ...aHistory(entityRef, []),
      members: 2,
    }),
    getHealth: async () => ({
      status: 'ok',
      database: 'ok',
      pagerDutyMode: 'live',
      checkedAt: new Date().toISOString(),
    }),
  };
  return renderInTestApp(
    <EntityProvider entity={group}>{element}</EntityProvider>,
    {
      apis: [
        [statusApiRef, api as StatusApi],
        [translationApiRef, translationApi],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('Roll-ups', () => {
  it("lists a group's services worst first, and the broken upstream it depends on", async () => {
    await renderWith(<RollupContent />);
    const counts = await screen.findByRole('list', {
      name: 'Members per level',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['1Major outage', '1Degraded', '1Not monitored']);
    expect(
      screen.getByText(
        /^Not monitored: No PagerDuty service or monitoring tool/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('What your services depend on that is broken'),
    ).toBeInTheDocument();
    expect(screen.getByText(/impacts 2 of yours/)).toBeInTheDocument();
    const impacted = screen.getByRole('list', {
      name: 'Impacted by component:default/auth-service',
    });
    expect(
      within(impacted)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['cart-api', 'shop-web']);
    // the members' table (the incident response has its own)
    const rows = within(screen.getAllByRole('table')[0])
      .getAllByRole('row')
      .slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['cart-api', 'shop-web', 'search-api']);
    expect(rows[1]).toHaveTextContent(
      'impacted by auth-service, 3 hops upstream',
    );
    // and its members' history together
    expect(
      await screen.findByText(/The mean of its 2 members/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Daily history' })).getAllByRole(
        'button',
      ),
    ).toHaveLength(90);
  });

  it('speaks Japanese to a reader who chose it', async () => {
    await renderWith(<RollupContent />, japaneseTranslationApi());
    expect(await screen.findByText('ロールアップ')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'レベル別のメンバー数' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('サービスの依存先で発生している障害'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/重大な障害 — 自分のサービス 2 件に影響/),
    ).toBeInTheDocument();
    expect(screen.getByText('所有するサービス')).toBeInTheDocument();
    // the history section too, a plural in its one Japanese form
    expect(
      await screen.findByText(/^メンバー 2 件の平均です。/),
    ).toBeInTheDocument();
    expect(screen.getByText('履歴: 過去 90 日間')).toBeInTheDocument();
  });

  it('summarises on the overview card, linking to the Status tab', async () => {
    await renderWith(<RollupCard />);
    const list = await screen.findByRole('list', { name: 'Not operational' });
    expect(
      within(list)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['cart-api', 'shop-web']);
    expect(
      screen.getByRole('link', { name: /Open the Status tab/ }),
    ).toHaveAttribute('href', '/catalog/default/group/ecommerce/status');
  });
});
