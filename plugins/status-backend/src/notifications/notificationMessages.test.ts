import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import {
  outageNotification,
  recoveryNotification,
  statusTabLink,
} from './notificationMessages';

const since = new Date(Date.now() - 12 * 60_000);
const nameOf = (ref: string) => ref.split('/').pop()!;

describe('notification texts', () => {
  it('says "under maintenance" for a maintenance that passes on, and names a root followed for itself', () => {
    const payload = outageNotification({
      root: {
        hidden: false,
        ref: 'component:default/search-service',
        name: 'search-service',
        level: 'under_maintenance',
      },
      since,
      entities: [
        {
          ref: 'component:default/search-service',
          level: 'degraded',
          path: ['component:default/search-service'],
        },
      ],
      nameOf,
      scope: 's',
    });
    expect(payload.title).toBe('search-service is under maintenance');
    expect(payload.description).toMatch(
      /^search-service has been under maintenance since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );
  });

  it('names at most five entities and counts the rest, worst first', () => {
    const entities = Array.from({ length: 8 }, (_, i) => ({
      ref: `component:default/svc-${i}`,
      level: i === 7 ? ('major_outage' as const) : ('degraded' as const),
      // the notifier masks what the reader may not read
      path: [`component:default/svc-${i}`, HIDDEN_ENTITY_REF],
    }));
    const payload = outageNotification({
      root: { hidden: true },
      since,
      entities,
      nameOf,
      scope: 's',
    });
    expect(payload.title).toBe(
      'svc-7 and 7 more affected by an upstream outage',
    );
    expect(payload.severity).toBe('critical');
    expect(payload.link).toBe('/catalog/default/component/svc-7/status');
    expect(payload.description).toContain(
      'svc-7 (major outage) via an upstream you may not see',
    );
    expect(payload.description).toContain('; and 3 more.');
    expect(payload.description).not.toContain('hidden');
  });

  it('builds links that survive odd names, and recovery texts for both endings', () => {
    expect(statusTabLink('Component:my-ns/a b')).toBe(
      '/catalog/my-ns/component/a%20b/status',
    );
    const now = new Date(since.getTime() + 95 * 60_000);
    expect(
      recoveryNotification({
        rootName: 'auth-service',
        stillFailing: false,
        since,
        now,
        link: '/x',
        scope: 's',
      }).description,
    ).toContain('recovered after 1 h 35 min');
    expect(
      recoveryNotification({
        rootName: undefined,
        stillFailing: true,
        since,
        now,
        link: '/x',
        scope: 's',
      }).title,
    ).toBe('No longer affected by an upstream outage');
  });
});
