import { Entity } from '@backstage/catalog-model';
import { isPagerDutyId, readEntityStatusConfiguration } from './configuration';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-api', namespace: 'shop', annotations },
  spec: {},
});

describe('isPagerDutyId', () => {
  it.each(['PABC123', 'P1A2B3C', 'PQRSTUVWXYZ12'])('accepts %s', id =>
    expect(isPagerDutyId(id)).toBe(true),
  );
  it.each(['', 'pabc123', 'ABC1234', 'P12', 'PABC-123', ' PABC123'])(
    'rejects %j',
    id => expect(isPagerDutyId(id)).toBe(false),
  );
});

describe('readEntityStatusConfiguration', () => {
  it('reads a PagerDuty service ID and critical dependencies', () => {
    expect(
      readEntityStatusConfiguration(
        entity({
          'pagerduty.com/service-id': ' PABC123 ',
          'status.backstage.io/critical-dependencies':
            'auth-service, api:default/payments-v1,,',
        }),
      ),
    ).toEqual({
      entityRef: 'component:shop/cart-api',
      pagerDutyServiceIds: ['PABC123'],
      pagerDutyAccount: 'default',
      alertMatchers: {},
      criticalDependencies: [
        'component:shop/auth-service',
        'api:default/payments-v1',
      ],
      monitored: true,
      problems: [],
    });
  });

  it('reads several comma-separated service IDs, reporting the malformed ones', () => {
    const result = readEntityStatusConfiguration(
      entity({
        'pagerduty.com/service-id': 'PABC123, PDEF456,, nope, PABC123',
      }),
    );
    expect(result.pagerDutyServiceIds).toEqual(['PABC123', 'PDEF456']);
    expect(result.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"nope"') }),
    ]);
    expect(result.monitored).toBe(true);
  });

  it('reads the PagerDuty account, and reports a malformed one', () => {
    expect(
      readEntityStatusConfiguration(
        entity({
          'pagerduty.com/service-id': 'PABC123',
          'pagerduty.com/account': ' eu-payments ',
        }),
      ).pagerDutyAccount,
    ).toBe('eu-payments');
    const malformed = readEntityStatusConfiguration(
      entity({
        'pagerduty.com/service-id': 'PABC123',
        'pagerduty.com/account': 'https://eu.pagerduty.com',
      }),
    );
    expect(malformed.pagerDutyAccount).toBe('default');
    expect(malformed.problems).toEqual([
      {
        annotation: 'pagerduty.com/account',
        message: expect.stringContaining('is not a PagerDuty account name'),
      },
    ]);
  });

  it('reads the annotations that tie monitoring alerts to the entity', () => {
    const result = readEntityStatusConfiguration(
      entity({
        'prometheus.io/alert-selector': 'job=checkout, env="prod", broken',
        'datadoghq.com/tags': 'service:checkout, env:prod',
        'newrelic.com/entity-guid': 'MXxBUE18QVBQTElDQVRJT058MTIz',
        'azure.com/resource-id':
          '/subscriptions/1/resourceGroups/RG/providers/Microsoft.Web/sites/Checkout, checkout',
        'statuscake.com/test-name': 'Checkout homepage',
      }),
    );
    expect(result.alertMatchers).toEqual({
      prometheusLabels: { job: 'checkout', env: 'prod' },
      datadogTags: ['service:checkout', 'env:prod'],
      newRelicEntityGuids: ['MXxBUE18QVBQTElDQVRJT058MTIz'],
      azureResourceIds: [
        '/subscriptions/1/resourcegroups/rg/providers/microsoft.web/sites/checkout',
      ],
      statusCakeTestNames: ['Checkout homepage'],
    });
    expect(result.monitored).toBe(true);
    expect(result.problems.map(p => p.annotation)).toEqual([
      'prometheus.io/alert-selector',
      'azure.com/resource-id',
    ]);
  });

  it('reports an entity without sources as not monitored, without problems', () => {
    const result = readEntityStatusConfiguration(entity());
    expect(result.monitored).toBe(false);
    expect(result.problems).toEqual([]);
  });

  it('counts an integration key alone as a signal source', () => {
    const result = readEntityStatusConfiguration(
      entity({ 'pagerduty.com/integration-key': 'abc' }),
    );
    expect(result.monitored).toBe(true);
    expect(result.pagerDutyServiceIds).toEqual([]);
  });

  it('turns malformed annotations into problems that name the annotation', () => {
    const result = readEntityStatusConfiguration(
      entity({
        'pagerduty.com/service-id':
          'https://acme.pagerduty.com/services/PABC123',
        'status.backstage.io/critical-dependencies': 'component:a:b:c',
      }),
    );
    expect(result.monitored).toBe(false);
    expect(result.problems).toEqual([
      {
        annotation: 'pagerduty.com/service-id',
        message: expect.stringContaining('is not a PagerDuty service ID'),
      },
      {
        annotation: 'status.backstage.io/critical-dependencies',
        message: expect.stringContaining(
          '"component:a:b:c" is not an entity reference',
        ),
      },
    ]);
  });
});
