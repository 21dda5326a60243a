import { Entity } from '@backstage/catalog-model';
import {
  TranslationApi,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  anEntityStatus,
  aRootCause,
  levels,
} from '../../__fixtures__/entityStatus';
import { StatusApi, statusApiRef } from '../../api';
import ja from '../../translations/ja';
import { EntityStatusCard } from './EntityStatusCard';

/**
 * The translation API with Japanese selected: the plugin's Japanese words
 * (a plural by Japanese plural rules, that is its `_other` form), English
 * where a word has none.
 */
function japaneseTranslationApi(): TranslationApi {
  const english = mockApis.translation();
  const words = ja.messages as Record<string, string | null | undefined>;
  const rules = new Intl.PluralRules('ja');
  return {
    getTranslation: ref => {
      const snapshot = english.getTranslation(ref);
      if (!snapshot.ready) return snapshot;
      const fallback = snapshot.t as (key: string, params?: object) => string;
      const t = (key: string, params: Record<string, unknown> = {}) => {
        const text =
          (typeof params.count === 'number'
            ? words[`${key}_${rules.select(params.count)}`]
            : undefined) ?? words[key];
        return text
          ? text.replace(/{{(\w+)}}/g, (_, name) => String(params[name]))
          : fallback(key, params);
      };
      return { ready: true, t: t as unknown as typeof snapshot.t };
    },
    translation$: ref => english.translation$(ref),
  };
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-web', namespace: 'default' },
  spec: { type: 'website', owner: 'ecommerce', lifecycle: 'production' },
};

describe('EntityStatusCard', () => {
  it('shows the level, the explanation, the top root cause, who is on call and a link to the tab', async () => {
    const api: Partial<StatusApi> = {
      getEntityStatus: async () =>
        anEntityStatus({
          levels: levels('operational', 'degraded', 'degraded'),
          explanation:
            'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
          rootCauses: [
            aRootCause(),
            aRootCause({ entityRef: 'component:default/points-api' }),
          ],
        }),
    };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityStatusCard />
      </EntityProvider>,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText(
        'Degraded — impacted by auth-service (Major outage), 3 hops upstream',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Root cause:/)).toHaveTextContent(
      'Root cause: auth-service (Major outage) and 1 more',
    );
    expect(screen.getByText(/On call:/)).toHaveTextContent(
      `On call: ${
        anEntityStatus().escalationPolicies[0].onCall[0].user.name
      } (E-commerce on-call)`,
    );
    expect(
      screen.getByRole('link', { name: /Open the Status tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-web/status');
  });

  it('names nobody as on call whose shift has ended since PagerDuty was last read', async () => {
    const status = anEntityStatus();
    const hour = 3_600_000;
    const [policy] = status.escalationPolicies;
    const api: Partial<StatusApi> = {
      getEntityStatus: async () => ({
        ...status,
        escalationPolicies: [
          {
            ...policy,
            onCallReadAt: new Date(Date.now() - 3 * hour).toISOString(),
            onCall: policy.onCall.map(o => ({
              ...o,
              start: new Date(Date.now() - 2 * hour).toISOString(),
              end: new Date(Date.now() - hour).toISOString(),
            })),
          },
        ],
      }),
    };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityStatusCard />
      </EntityProvider>,
      {
        apis: [[statusApiRef, api as StatusApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText(/On call:/)).toHaveTextContent(
      `On call: not known (the shifts last read have ended) (${policy.name})`,
    );
  });

  it('speaks Japanese when the reader chose it', async () => {
    const api: Partial<StatusApi> = {
      getEntityStatus: async () =>
        anEntityStatus({
          levels: levels('operational', 'degraded', 'degraded'),
          rootCauses: [
            aRootCause(),
            aRootCause({ entityRef: 'component:default/points-api' }),
          ],
          problems: [
            {
              annotation: 'pagerduty.com/service-id',
              message: 'PagerDuty has no service PNOSUCH.',
            },
          ],
        }),
    };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityStatusCard />
      </EntityProvider>,
      {
        apis: [
          [statusApiRef, api as StatusApi],
          [translationApiRef, japaneseTranslationApi()],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText(/根本原因:/)).toHaveTextContent(
      /^根本原因: auth-service \(.+\) ほか 1 件$/,
    );
    expect(
      screen.getByText(
        'アノテーションの問題が 1 件あります: ステータスタブを確認してください',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^オンコール担当:/)).toHaveTextContent(
      `オンコール担当: ${
        anEntityStatus().escalationPolicies[0].onCall[0].user.name
      } (E-commerce on-call)`,
    );
    expect(screen.getByText('ステータス')).toBeInTheDocument();
    expect(screen.queryByText(/Root cause|On call/)).toBeNull();
  });
});
