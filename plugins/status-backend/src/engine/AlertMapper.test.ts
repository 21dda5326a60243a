import {
  AZURE_RESOURCE_ID_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  NormalisedAlert,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { alertMatchersOf, BUILT_IN_ALERT_SOURCES } from '../alerts/sources';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { AlertMapper } from './AlertMapper';

const entity = (
  ref: string,
  extra: Partial<EntitySummary> = {},
): EntitySummary => {
  const [kind, rest] = ref.split(':');
  const name = rest.split('/')[1];
  return {
    ref,
    kind: { component: 'Component', resource: 'Resource', system: 'System' }[
      kind
    ]!,
    name,
    pagerDutyServiceIds: [],
    pagerDutyAccount: 'default',
    alertAnnotations: [],
    problems: [],
    ...extra,
  };
};

const alert = (
  source: string,
  labels: Record<string, string>,
  targets?: NormalisedAlert['targets'],
): NormalisedAlert => ({
  source,
  fingerprint: 'f',
  state: 'firing',
  severity: 'critical',
  title: 't',
  startedAt: new Date().toISOString(),
  labels,
  targets,
});

describe('AlertMapper', () => {
  const mapper = new AlertMapper(
    [
      entity('component:default/checkout'),
      entity('resource:default/checkout'),
      entity('system:default/checkout'),
      entity('component:shop/cart', { title: 'Shopping Cart' }),
      entity('component:default/points-api'),
      entity('component:loyalty/points-api'),
      entity('component:default/payments', {
        annotations: {
          [PROMETHEUS_ALERT_SELECTOR_ANNOTATION]:
            'job=payments-worker, env=prod',
          [DATADOG_TAGS_ANNOTATION]: 'team:pay, env:prod',
          [NEW_RELIC_ENTITY_GUID_ANNOTATION]: 'GUID-1',
          [AZURE_RESOURCE_ID_ANNOTATION]: '/subscriptions/1/sites/pay',
          [STATUSCAKE_TEST_NAME_ANNOTATION]: 'Payments API',
          [PAGERDUTY_INTEGRATION_KEY_ANNOTATION]: 'KEY-PAY',
        },
      }),
      entity('component:default/billing', { pagerDutyServiceIds: ['PBILL'] }),
    ],
    (account, serviceId) =>
      account === 'default' && serviceId === 'PBILL'
        ? ['component:default/billing']
        : [],
    alertMatchersOf(BUILT_IN_ALERT_SOURCES),
  );
  const payments = ['component:default/payments'];

  it("takes the entity's annotations for that tool first, which need every label or tag", () => {
    expect(
      mapper.map(
        alert('grafana', {
          job: 'payments-worker',
          env: 'prod',
          service: 'checkout',
          backstage_entity: 'component:shop/cart',
        }),
      ),
    ).toEqual({
      entityRefs: payments,
      match: {
        rule: 'annotation',
        annotation: 'prometheus.io/alert-selector',
      },
    });
    expect(
      mapper.map(alert('alertmanager', { job: 'payments-worker', env: 'dev' }))
        .entityRefs,
    ).toEqual([]);
    expect(mapper.map(alert('datadog', { team: 'pay', env: 'prod' }))).toEqual({
      entityRefs: payments,
      match: { rule: 'annotation', annotation: 'datadoghq.com/tags' },
    });
    expect(
      mapper.map(alert('newrelic', {}, { keys: ['GUID-1'] })).entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(alert('azure', {}, { keys: ['/SUBSCRIPTIONS/1/sites/PAY'] }))
        .entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(alert('statuscake', {}, { keys: ['Payments API'] }))
        .entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(alert('generic', {}, { keys: ['KEY-PAY'] })).match,
    ).toEqual({
      rule: 'annotation',
      annotation: 'pagerduty.com/integration-key',
    });
    // a selector of one tool does not apply to another
    expect(
      mapper.map(alert('datadog', { job: 'payments-worker', env: 'prod' }))
        .entityRefs,
    ).toEqual([]);
  });

  it("reads a tool's annotation as its source's matcher says, skipping an entity the matcher cannot read", () => {
    const tool = new AlertMapper(
      [
        entity('component:default/checkout', {
          annotations: { 'tool.example.com/ids': 'A-1|A-2' },
        }),
        entity('component:default/search', {
          annotations: { 'tool.example.com/ids': 'broken' },
        }),
        entity('component:default/payments', {
          annotations: { 'tool.example.com/ids': 'a-3' },
        }),
      ],
      undefined,
      new Map([
        [
          'tool',
          {
            annotation: 'tool.example.com/ids',
            by: 'keys' as const,
            readKeys: (value: string) => {
              if (value === 'broken') throw new Error('not an ID list');
              return value.split('|');
            },
            normaliseKey: (key: string) => key.toLowerCase(),
          },
        ],
      ]),
    );
    expect(tool.map(alert('tool', {}, { keys: ['a-2', 'A-3'] }))).toEqual({
      entityRefs: ['component:default/checkout', ...payments],
      match: { rule: 'annotation', annotation: 'tool.example.com/ids' },
    });
    expect(
      tool.map(alert('tool', {}, { keys: ['broken'] })).entityRefs,
    ).toEqual([]);
    // another source's alerts never match by this tool's annotation
    expect(tool.map(alert('other', {}, { keys: ['a-1'] })).entityRefs).toEqual(
      [],
    );
  });

  it("ties PagerDuty's own alerts to the entities of the incident's service", () => {
    expect(
      mapper.map(
        alert(
          'pagerduty',
          {},
          {
            pagerDuty: {
              account: 'default',
              incidentId: 'Q1',
              serviceId: 'PBILL',
            },
          },
        ),
      ),
    ).toEqual({
      entityRefs: ['component:default/billing'],
      match: { rule: 'pagerduty-service' },
    });
  });

  it('then the entity named in the webhook URL, then a full entity ref in a label or tag', () => {
    expect(
      mapper.map(
        alert(
          'azure',
          { backstage_entity: 'component:default/checkout' },
          { entityRef: 'component:shop/cart' },
        ),
      ),
    ).toEqual({
      entityRefs: ['component:shop/cart'],
      match: { rule: 'url', value: 'component:shop/cart' },
    });
    expect(
      mapper.map(
        alert('alertmanager', {
          backstage_entity: 'component:shop/cart',
          service: 'checkout',
        }),
      ).match,
    ).toEqual({
      rule: 'entity-ref',
      key: 'backstage_entity',
      value: 'component:shop/cart',
    });
    // the Datadog or StatusCake tag backstage:component:shop/cart
    expect(
      mapper.map(alert('datadog', { backstage: 'component:shop/cart' }))
        .entityRefs,
    ).toEqual(['component:shop/cart']);
    // an entity ref that is not in the catalog falls through to the next rule
    expect(
      mapper.map(
        alert('alertmanager', {
          backstage_entity: 'component:default/gone',
          service: 'checkout',
        }),
      ).match?.rule,
    ).toBe('label');
  });

  it('then a service, service_name, app, component or job label equal to a name, preferring Components', () => {
    expect(mapper.map(alert('alertmanager', { service: 'Checkout' }))).toEqual({
      entityRefs: ['component:default/checkout'],
      match: { rule: 'label', key: 'service', value: 'Checkout' },
    });
    expect(
      mapper.map(alert('alertmanager', { job: 'cart' })).entityRefs,
    ).toEqual(['component:shop/cart']);
    expect(mapper.map(alert('alertmanager', { job: 'x' }))).toEqual({
      entityRefs: [],
    });
  });

  it("then a name the alert gives its subject, equal to one entity's name or title", () => {
    expect(
      mapper.map(
        alert(
          'azure',
          {},
          {
            names: [
              { value: 'nothing', from: 'resource' },
              { value: 'cart', from: 'resource' },
            ],
          },
        ),
      ),
    ).toEqual({
      entityRefs: ['component:shop/cart'],
      match: { rule: 'name', from: 'resource', value: 'cart' },
    });
    // a plain tag, as StatusCake and Datadog send them
    expect(mapper.map(alert('statuscake', { cart: '' })).match).toEqual({
      rule: 'name',
      from: 'tag',
      value: 'cart',
    });
    // Events API v2's payload.component, by the entity's title
    expect(
      mapper.map(
        alert(
          'generic',
          {},
          { names: [{ value: 'shopping cart', from: 'component' }] },
        ),
      ).entityRefs,
    ).toEqual(['component:shop/cart']);
  });

  it('leaves an alert unmatched, naming the candidates, when a name fits two entities', () => {
    expect(
      mapper.map(alert('alertmanager', { service: 'points-api' })),
    ).toEqual({
      entityRefs: [],
      ambiguous: [
        'component:default/points-api',
        'component:loyalty/points-api',
      ],
    });
    expect(
      mapper.map(
        alert(
          'generic',
          {},
          { names: [{ value: 'points-api', from: 'source' }] },
        ),
      ).ambiguous,
    ).toHaveLength(2);
    // a full ref settles it
    expect(
      mapper.map(
        alert('alertmanager', {
          service: 'points-api',
          backstage_entity: 'component:loyalty/points-api',
        }),
      ).entityRefs,
    ).toEqual(['component:loyalty/points-api']);
  });

  it('maps as a mapper built from the whole catalog after entities are added, changed and removed', () => {
    const matchers = alertMatchersOf(BUILT_IN_ALERT_SOURCES);
    const before = [
      entity('component:default/checkout', {
        annotations: { [DATADOG_TAGS_ANNOTATION]: 'team:shop' },
      }),
      entity('component:default/payments', {
        annotations: { [PROMETHEUS_ALERT_SELECTOR_ANNOTATION]: 'job=pay' },
      }),
      entity('component:default/search', { title: 'Find' }),
      entity('component:default/points'),
    ];
    const changed = [
      // its tag and name change hands
      entity('component:default/checkout', {
        annotations: { [DATADOG_TAGS_ANNOTATION]: 'team:cart' },
        title: 'Points',
      }),
      entity('component:default/orders', {
        annotations: {
          [PROMETHEUS_ALERT_SELECTOR_ANNOTATION]: 'job=pay',
          [DATADOG_TAGS_ANNOTATION]: 'team:shop',
        },
      }),
    ];
    const removed = ['component:default/payments', 'component:default/search'];
    const updated = new AlertMapper(before, undefined, matchers);
    updated.update(changed, removed);
    const after = [
      ...before.filter(
        e => !removed.includes(e.ref) && e.ref !== changed[0].ref,
      ),
      ...changed,
    ];
    const built = new AlertMapper(after, undefined, matchers);
    const alerts = [
      alert('datadog', { team: 'shop' }),
      alert('datadog', { team: 'cart' }),
      alert('alertmanager', { job: 'pay' }),
      alert('generic', { service: 'search' }),
      alert('generic', {}, { names: [{ value: 'Find', from: 'source' }] }),
      alert('generic', {}, { names: [{ value: 'points', from: 'source' }] }),
      alert('generic', { backstage_entity: 'component:default/payments' }),
      alert('generic', { backstage_entity: 'component:default/orders' }),
    ];
    for (const a of alerts) expect(updated.map(a)).toEqual(built.map(a));
    expect(updated.map(alerts[0]).entityRefs).toEqual([
      'component:default/orders',
    ]);
    expect(updated.map(alerts[5]).ambiguous).toHaveLength(2);
    expect([...updated.entities()].map(e => e.ref).sort()).toEqual(
      after.map(e => e.ref).sort(),
    );
  });
});
