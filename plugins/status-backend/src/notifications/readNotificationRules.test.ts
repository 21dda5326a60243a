import { ConfigReader } from '@backstage/config';
import { readPublicAccess } from '../service/publicAccess';
import { readNotificationRules } from './readNotificationRules';

const notifications = (section: object) =>
  readNotificationRules(
    new ConfigReader({ status: { notifications: section } }),
  );

describe('status.notifications and status.public', () => {
  it('reads defaults that tell owners after two minutes, and only when turned on', () => {
    expect(notifications({})).toEqual({
      enabled: false,
      minLevel: 'degraded',
      minDurationMs: 120_000,
      excludedOwners: new Set(),
      maxSubscriptionsPerUser: 200,
      channels: false,
    });
    expect(notifications({ channels: true }).channels).toBe(true);
    expect(
      notifications({
        enabled: true,
        excludeOwners: ['Group:default/Marketing'],
      }).excludedOwners,
    ).toEqual(new Set(['group:default/marketing']));
  });

  it('refuses settings that cannot work, saying which and why', () => {
    expect(() => notifications({ minLevel: 'operational' })).toThrow(
      'status.notifications.minLevel must be degraded, partial_outage or major_outage, not "operational"',
    );
    expect(() => notifications({ minDurationSeconds: -1 })).toThrow(
      'status.notifications.minDurationSeconds must be between 0 and 86400',
    );
    expect(() => notifications({ maxSubscriptionsPerUser: 0.5 })).toThrow(
      'status.notifications.maxSubscriptionsPerUser must be a whole number from 1 to 10000',
    );
    const publicAccess = (section: object) =>
      readPublicAccess(new ConfigReader({ status: { public: section } }));
    expect(() => publicAccess({ entities: ['not a ref'] })).toThrow(
      'status.public.entities: "not a ref" is not an entity ref (kind:namespace/name)',
    );
    expect(() => publicAccess({ tokenSecret: 'short' })).toThrow(
      'status.public.tokenSecret must be at least 32 characters',
    );
    expect(
      publicAccess({ entities: ['Component:default/Cart'] }).entities,
    ).toEqual(new Set(['component:default/cart']));
  });
});
