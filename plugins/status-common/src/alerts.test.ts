import { describeAlertMatch } from './alerts';

describe('describeAlertMatch', () => {
  it('says in a few words which rule tied an alert to its entity', () => {
    expect(
      describeAlertMatch({
        rule: 'name',
        from: 'tag',
        value: 'membership-api',
      }),
    ).toBe('matched by tag membership-api');
    expect(
      describeAlertMatch({
        rule: 'name',
        from: 'resource',
        value: 'checkout',
      }),
    ).toBe('matched by Azure resource checkout');
    expect(
      describeAlertMatch({ rule: 'label', key: 'service', value: 'cart' }),
    ).toBe('matched by label service=cart');
    expect(
      describeAlertMatch({
        rule: 'annotation',
        annotation: 'datadoghq.com/tags',
      }),
    ).toBe('matched by annotation datadoghq.com/tags');
    expect(
      describeAlertMatch({ rule: 'url', value: 'component:default/x' }),
    ).toBe('matched by the entity in its webhook URL (component:default/x)');
    expect(describeAlertMatch({ rule: 'pagerduty-service' })).toBe(
      "matched by its PagerDuty incident's service",
    );
  });
});
