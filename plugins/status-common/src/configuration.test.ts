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
      alertAnnotations: [],
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
        // for a page to word in its reader's language
        code: 'notAccountName',
        params: { item: 'https://eu.pagerduty.com' },
      },
    ]);
  });

  it("reads the alert sources' annotations and reports what their checks find", () => {
    const checks = [
      {
        annotation: 'acme.io/selector',
        check: (value: string) =>
          value.includes('=') ? [] : [`"${value}" is no pair`],
      },
      { annotation: 'acme.io/ids' },
      {
        annotation: 'acme.io/odd',
        check: () => {
          throw new Error('unreadable');
        },
      },
      { annotation: 'acme.io/absent' },
    ];
    const result = readEntityStatusConfiguration(
      entity({
        'acme.io/selector': 'broken',
        'acme.io/ids': 'A1, A2',
        'acme.io/odd': 'x',
        'acme.io/absent': '  ',
      }),
      { alertAnnotations: checks },
    );
    expect(result.alertAnnotations).toEqual([
      'acme.io/selector',
      'acme.io/ids',
      'acme.io/odd',
    ]);
    expect(result.monitored).toBe(true);
    expect(result.problems).toEqual([
      { annotation: 'acme.io/selector', message: '"broken" is no pair' },
      {
        annotation: 'acme.io/odd',
        message: expect.stringContaining('unreadable'),
        code: 'unreadable',
        params: { error: 'Error: unreadable' },
      },
    ]);
  });

  it("knows no tool's annotation unless given its check", () => {
    const result = readEntityStatusConfiguration(
      entity({ 'prometheus.io/alert-selector': 'broken' }),
    );
    expect(result.alertAnnotations).toEqual([]);
    expect(result.monitored).toBe(false);
    expect(result.problems).toEqual([]);
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
        code: 'notServiceId',
        params: { item: 'https://acme.pagerduty.com/services/PABC123' },
      },
      {
        annotation: 'status.backstage.io/critical-dependencies',
        message: expect.stringContaining(
          '"component:a:b:c" is not an entity reference',
        ),
        code: 'notEntityRef',
        params: { item: 'component:a:b:c' },
      },
    ]);
  });
});
