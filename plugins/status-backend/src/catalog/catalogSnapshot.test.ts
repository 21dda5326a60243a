import { Entity } from '@backstage/catalog-model';
import { alertMatchersOf, BUILT_IN_ALERT_SOURCES } from '../alerts/sources';
import { summariseEntity } from './catalogSnapshot';

const checks = [...alertMatchersOf(BUILT_IN_ALERT_SOURCES).values()];

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'shop', annotations },
  spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
});

describe('summariseEntity', () => {
  it("notes the built-in tools' annotations and reports what their matchers reject", () => {
    const summary = summariseEntity(
      component({
        'prometheus.io/alert-selector': 'job=checkout, env="prod", broken',
        'datadoghq.com/tags': 'service:checkout, env:prod',
        'newrelic.com/entity-guid': 'MXxBUE18QVBQTElDQVRJT058MTIz',
        'azure.com/resource-id':
          '/subscriptions/1/resourceGroups/RG/providers/Microsoft.Web/sites/Checkout, checkout',
        'statuscake.com/test-name': 'Checkout homepage',
      }),
      checks,
    );
    expect([...summary.alertAnnotations].sort()).toEqual([
      'azure.com/resource-id',
      'datadoghq.com/tags',
      'newrelic.com/entity-guid',
      'prometheus.io/alert-selector',
      'statuscake.com/test-name',
    ]);
    expect(summary.problems).toEqual([
      {
        annotation: 'prometheus.io/alert-selector',
        message: expect.stringContaining('"broken" is not a label matcher'),
      },
      {
        annotation: 'azure.com/resource-id',
        message: expect.stringContaining(
          '"checkout" is not an Azure resource ID',
        ),
      },
    ]);
  });

  it('keeps PagerDuty services, owner, System and Domain as full refs', () => {
    const summary = summariseEntity(
      component({ 'pagerduty.com/service-id': 'PABC123' }),
      checks,
    );
    expect(summary).toMatchObject({
      ref: 'component:shop/checkout',
      owner: 'group:shop/team-shop',
      lifecycle: 'production',
      pagerDutyServiceIds: ['PABC123'],
      pagerDutyAccount: 'default',
      alertAnnotations: [],
      problems: [],
    });
  });
});
