import {
  editDistance,
  NormalisedAlert,
} from '@status-layer/plugin-status-common';
import { alertMatchersOf, BUILT_IN_ALERT_SOURCES } from '../alerts/sources';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { AlertMapper } from './AlertMapper';
import { MappingSuggestions } from './suggestMapping';

const matchers = alertMatchersOf(BUILT_IN_ALERT_SOURCES);

const entity = (name: string, extra: Partial<EntitySummary> = {}) => ({
  ref: `component:default/${name}`,
  kind: 'Component',
  name,
  pagerDutyServiceIds: [],
  pagerDutyAccount: 'default',
  alertAnnotations: [],
  problems: [],
  ...extra,
});

const alert = (
  labels: Record<string, string>,
  targets?: NormalisedAlert['targets'],
): NormalisedAlert => ({
  source: 'alertmanager',
  fingerprint: 'f',
  state: 'firing',
  severity: 'critical',
  title: 't',
  startedAt: new Date().toISOString(),
  labels,
  targets,
});

/** The candidates suggested for an alert in a catalog of these entities. */
const candidatesIn =
  (entities: EntitySummary[]) =>
  (labels: Record<string, string>, targets?: NormalisedAlert['targets']) => {
    const mapper = new AlertMapper(entities, undefined, matchers);
    const a = alert(labels, targets);
    return new MappingSuggestions(mapper).suggest(a, mapper.map(a)).candidates;
  };

const ref = (name: string) => `component:default/${name}`;

describe('MappingSuggestions', () => {
  // most of these entities are "-service": the word tells them apart not at all
  const services = candidatesIn(
    [
      'auth-service',
      'comments-service',
      'itinerary-service',
      'notifications-service',
      'search-service',
      'payments-api',
      'checkout',
    ].map(name => entity(name)),
  );

  it('suggests the entity named nearly the same, not those sharing only a common word', () => {
    expect(services({ service: 'notification-service' })).toEqual([
      ref('notifications-service'),
    ]);
  });

  it('suggests nothing when the only word shared is one most entities have', () => {
    expect(services({ service: 'billing-service' })).toEqual([]);
    expect(services({ job: 'service' })).toEqual([]);
  });

  it('still suggests by a rare word shared, however common the rest', () => {
    expect(services({ service: 'auth' })).toEqual([ref('auth-service')]);
    expect(services({ app: 'search-indexer' })).toEqual([
      ref('search-service'),
    ]);
  });

  it('ranks a plural of the whole name above names sharing a word exactly', () => {
    const apis = candidatesIn(
      [
        'login-api',
        'profile-api',
        'search-api',
        'payments-api',
        'payment-gateway',
        'checkout',
        'cart',
      ].map(name => entity(name)),
    );
    const found = apis({ service: 'payment-api' });
    expect(found[0]).toBe(ref('payments-api'));
    expect(found).toContain(ref('payment-gateway'));
    expect(found).not.toContain(ref('login-api'));

    const checkouts = candidatesIn(
      ['checkouts', 'checkout-db', 'cart'].map(name => entity(name)),
    );
    expect(checkouts({ job: 'checkout' })).toEqual([
      ref('checkouts'),
      ref('checkout-db'),
    ]);
  });

  it('takes a misspelt name, and ranks an exact word above one a letter off', () => {
    expect(services({ service: 'notifcation-service' })).toEqual([
      ref('notifications-service'),
    ]);
    const auth = candidatesIn(
      ['auth-service', 'authn', 'billing-service', 'cart'].map(name =>
        entity(name),
      ),
    );
    expect(auth({ service: 'auth' })).toEqual([
      ref('auth-service'),
      ref('authn'),
    ]);
  });

  it('weighs what the entity names as much as what it leaves out', () => {
    const payments = candidatesIn(
      [
        'payments',
        'payments-worker',
        'payments-ledger',
        'cart',
        'search',
        'checkout',
      ].map(name => entity(name)),
    );
    expect(payments({ job: 'payments-worker-eu' })).toEqual([
      ref('payments-worker'),
      ref('payments'),
      ref('payments-ledger'),
    ]);
  });

  it('reads titles and the names an alert gives outside its labels', () => {
    const shop = candidatesIn([
      entity('cart', { title: 'Shopping Baskets' }),
      entity('checkout'),
      entity('search'),
    ]);
    expect(shop({ 'shopping-basket': '' })).toEqual([ref('cart')]);
    expect(
      shop({}, { names: [{ value: 'checkouts', from: 'resource' }] }),
    ).toEqual([ref('checkout')]);
  });

  it('takes no near spelling of a word with digits, which names another thing', () => {
    const databases = candidatesIn(
      ['orders-db01', 'orders-db02', 'cart', 'search', 'checkout'].map(name =>
        entity(name),
      ),
    );
    expect(databases({ service: 'db03' })).toEqual([]);
    expect(databases({ service: 'orders-db2' })).toEqual([
      ref('orders-db01'),
      ref('orders-db02'),
    ]);
  });

  it('names every entity a name fits, ahead of any scoring', () => {
    const mapper = new AlertMapper(
      [
        entity('points-api'),
        { ...entity('points-api'), ref: 'component:loyalty/points-api' },
        entity('point-api'),
      ],
      undefined,
      matchers,
    );
    const a = alert({ service: 'points-api' });
    expect(new MappingSuggestions(mapper).suggest(a, mapper.map(a))).toEqual({
      candidates: [
        'component:default/points-api',
        'component:loyalty/points-api',
      ],
      suggestion: 'prometheus.io/alert-selector: service=points-api',
    });
  });

  it("writes the line of the alert's own tool, as its source's matcher says", () => {
    const mapper = new AlertMapper([], undefined, matchers);
    const line = (
      source: string,
      labels: Record<string, string>,
      targets?: NormalisedAlert['targets'],
    ) => {
      const a = { ...alert(labels, targets), source };
      return new MappingSuggestions(mapper).suggest(a, mapper.map(a))
        .suggestion;
    };
    expect(line('grafana', { instance: 'db-1', app: 'pay' })).toBe(
      'prometheus.io/alert-selector: app=pay',
    );
    expect(line('datadog', { priority: 'P1', team: 'pay' })).toBe(
      'datadoghq.com/tags: team:pay',
    );
    expect(line('newrelic', {}, { keys: ['GUID-1'] })).toBe(
      'newrelic.com/entity-guid: GUID-1',
    );
    expect(line('statuscake', {}, { keys: ['Payments API'] })).toBe(
      'statuscake.com/test-name: Payments API',
    );
    // the integration key is a secret: never written back
    expect(line('generic', {}, { keys: ['KEY-PAY'] })).toBe(
      'payload.component: <the entity’s name>',
    );
    expect(line('newrelic', {})).toBeUndefined();
    expect(line('pagerduty', {})).toBeUndefined();
  });

  it('finds the right entity in a large catalog', () => {
    const many = [
      ...Array.from({ length: 20_000 }, (_, i) => entity(`team${i}-service`)),
      ...Array.from({ length: 500 }, (_, i) =>
        entity(`payments-${i}-reconciler-batch`),
      ),
      entity('payments-api'),
    ];
    expect(candidatesIn(many)({ service: 'payment-api' })[0]).toBe(
      ref('payments-api'),
    );
    expect(candidatesIn(many)({ service: 'team42-servce' })[0]).toBe(
      ref('team42-service'),
    );
  });

  it('measures edit distance, stopping once past the limit', () => {
    expect(editDistance('auth', 'authn', 2)).toBe(1);
    expect(editDistance('notifcation', 'notifications', 2)).toBe(2);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('checkout', 'payments', 2)).toBe(3);
    expect(editDistance('', 'abc', 5)).toBe(3);
  });
});
