import { NormalisedAlert } from '@internal/plugin-status-common';
import { EntitySummary } from '../engine/catalogSnapshot';
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
    alertMatchers: {},
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
  startedAt: '2026-11-21T09:00:00.000Z',
  labels,
  targets,
});

describe('AlertMapper', () => {
  const mapper = new AlertMapper(
    [
      entity('component:default/checkout'),
      entity('resource:default/checkout'),
      entity('system:default/checkout'),
      entity('component:shop/cart'),
      entity('component:default/payments', {
        alertMatchers: {
          prometheusLabels: { job: 'payments', env: 'prod' },
          datadogTags: ['team:pay', 'env:prod'],
          newRelicEntityGuids: ['GUID-1'],
          azureResourceIds: ['/subscriptions/1/sites/pay'],
          statusCakeTestNames: ['Payments API'],
        },
        integrationKey: 'KEY-PAY',
      }),
      entity('component:default/billing', { pagerDutyServiceIds: ['PBILL'] }),
    ],
    (account, serviceId) =>
      account === 'default' && serviceId === 'PBILL'
        ? ['component:default/billing']
        : [],
  );

  it('takes a backstage_entity label first, when the entity exists', () => {
    expect(
      mapper.map(
        alert('alertmanager', {
          backstage_entity: 'component:shop/cart',
          job: 'payments',
          env: 'prod',
        }),
      ),
    ).toEqual({ entityRefs: ['component:shop/cart'], by: 'entity-ref' });
    // an entity ref that is not in the catalog falls through to the next rule
    expect(
      mapper.map(
        alert('alertmanager', {
          backstage_entity: 'component:default/gone',
          service: 'checkout',
        }),
      ).by,
    ).toBe('name');
  });

  it("then the entity's annotations for that tool, which need every label or tag", () => {
    const payments = ['component:default/payments'];
    expect(
      mapper.map(
        alert('grafana', { job: 'payments', env: 'prod', service: 'checkout' }),
      ),
    ).toEqual({ entityRefs: payments, by: 'annotation' });
    expect(
      mapper.map(alert('alertmanager', { job: 'payments', env: 'dev' }))
        .entityRefs,
    ).toEqual([]);
    expect(
      mapper.map(alert('datadog', { team: 'pay', env: 'prod' })).entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(alert('newrelic', {}, { newRelicEntityGuids: ['GUID-1'] }))
        .entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(
        alert(
          'azure',
          {},
          { azureResourceIds: ['/SUBSCRIPTIONS/1/sites/PAY'] },
        ),
      ).entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(
        alert('statuscake', {}, { statusCakeTestName: 'Payments API' }),
      ).entityRefs,
    ).toEqual(payments);
    expect(
      mapper.map(alert('generic', {}, { routingKey: 'KEY-PAY' })).entityRefs,
    ).toEqual(payments);
    // a selector of one tool does not apply to another
    expect(
      mapper.map(alert('datadog', { job: 'payments', env: 'prod' })).entityRefs,
    ).toEqual([]);
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
      by: 'pagerduty-service',
    });
  });

  it('then a service, service_name or app label, or a name the tool gives, preferring Components', () => {
    expect(mapper.map(alert('alertmanager', { service: 'Checkout' }))).toEqual({
      entityRefs: ['component:default/checkout'],
      by: 'name',
    });
    expect(
      mapper.map(alert('alertmanager', { app: 'cart' })).entityRefs,
    ).toEqual(['component:shop/cart']);
    expect(
      mapper.map(alert('azure', {}, { entityNames: ['nothing', 'cart'] }))
        .entityRefs,
    ).toEqual(['component:shop/cart']);
    expect(mapper.map(alert('alertmanager', { job: 'x' }))).toEqual({
      entityRefs: [],
    });
  });
});
