import { mockServices } from '@backstage/backend-test-utils';
import {
  addIncidentNote,
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createStatusStack } from '../__testUtils__/statusStack';
import { createTestDatabases } from '../__testUtils__/databases';
import { partFreshness } from '../engine/freshness';
import { RequestCounter } from './PagerDutyClient';
import {
  logReadOrder,
  MAX_LOG_READS,
  REREAD_OPEN_AFTER_MS,
  syncIncidentTimelines,
} from './syncIncidentTimelines';
import { StoredIncident } from '../database';

describe('logReadOrder', () => {
  const NOW = Date.UTC(2031, 0, 1);
  const incident = (
    id: string,
    status: StoredIncident['status'],
    priority: string | undefined,
    minutesAgo: number,
  ) =>
    ({
      id,
      status,
      priority,
      createdAt: new Date(NOW - minutesAgo * 60_000),
    } as StoredIncident);
  const read = (minutesAgo: number) => ({
    readAt: new Date(NOW - minutesAgo * 60_000),
    complete: false,
  });

  it('reads new open incidents, then completes resolved ones, then re-reads open ones, then the backlog by priority', () => {
    expect(
      logReadOrder(
        [
          { incident: incident('backlog-p2', 'resolved', 'P2', 5_000) },
          { incident: incident('backlog-p1', 'resolved', 'P1', 9_000) },
          {
            incident: incident('open-stale', 'triggered', 'P1', 30),
            read: read(10),
          },
          {
            incident: incident('open-fresh', 'triggered', 'P1', 30),
            read: read(1),
          },
          {
            incident: incident('resolved-since', 'resolved', 'P2', 40),
            read: read(2),
          },
          { incident: incident('new-p2', 'triggered', 'P2', 1) },
          { incident: incident('new-p1', 'acknowledged', 'P1', 2) },
        ],
        NOW,
      ).map(i => i.id),
    ).toEqual([
      'new-p1',
      'new-p2',
      'resolved-since',
      'open-stale',
      'backlog-p1',
      'backlog-p2',
    ]);
  });
});

jest.setTimeout(90_000);

describe('syncIncidentTimelines', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startPagerDutySimulator({ seed: 35, historyDays: 0 });
    });
    afterEach(() => sim.close());

    const setFaults = (faults: object) =>
      fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });

    async function setUp() {
      const stack = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        client: { maxRetries: 0, backoffMs: 10 },
      });
      // the stack's own syncs read on the real clock; direct reads go on from it
      let now = Date.now();
      const context = (budget: number) => ({
        account: 'default',
        client: stack.client,
        store: stack.store,
        logger: mockServices.logger.mock(),
        request: { budget: new RequestCounter(budget) },
        now: () => new Date(now),
      });
      const readIds = async (ids: string[]) => {
        const states = await Promise.all(
          ids.map(id => stack.store.timelines.readStateOf('default', id)),
        );
        return ids.filter((_, i) => states[i]?.readAt);
      };
      return {
        ...stack,
        context,
        readIds,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    it('reads major incidents only, within the budget, and resumes after failures and cuts at the next sync', async () => {
      const { sync, store, context, readIds } = await setUp();
      const services = ['auth-service', 'cart-api', 'video-bff'];
      const major = Array.from({ length: MAX_LOG_READS + 4 }, (_, i) =>
        sim.state.trigger({
          service: services[i % services.length],
          title: `Outage ${i}`,
          urgency: 'high',
        }),
      );
      const minor = sim.state.trigger({
        service: 'cart-api',
        title: 'Slow carts',
        urgency: 'low',
      });
      // a P3 is not major however urgent
      const p3 = sim.state.trigger({
        service: 'cart-api',
        title: 'Slow checkout',
        urgency: 'high',
        priority: 'P3',
      });

      // the first sync's log reads all fail: recorded, the part says why
      await setFaults({
        endpoints: {
          '/incidents/{id}/log_entries': { mode: 'error', status: 500 },
        },
      });
      const first = await sync.syncOnce();
      const timelines = first.parts.find(p => p.part === 'timelines')!;
      expect(timelines.ok).toBe(false);
      expect(timelines.error).toMatch(
        /the log of 20 incident\(s\) could not be read .*read first at the next sync/,
      );
      const failed = await store.timelines.readStateOf('default', major[0].id);
      expect(failed).toMatchObject({ complete: false });
      expect(failed?.error).toBeTruthy();
      expect(failed?.readAt).toBeUndefined();
      const freshness = partFreshness(
        await store.listSources(),
        'default',
        'timelines',
        { now: new Date(), syncIntervalMs: 60_000, staleAfterMissedSyncs: 3 },
      );
      expect(freshness.lastError).toMatch(/could not be read/);

      // a budget of 3 reads 3, the rest wait; a later sync reads them
      await setFaults({ endpoints: { '/incidents/{id}/log_entries': null } });
      await expect(syncIncidentTimelines(context(3))).rejects.toThrow(
        /could not be read/,
      );
      expect(await readIds(major.map(m => m.id))).toHaveLength(3);
      expect(await syncIncidentTimelines(context(500))).toBe(MAX_LOG_READS);
      expect(await syncIncidentTimelines(context(500))).toBe(1);
      expect(await readIds(major.map(m => m.id))).toHaveLength(major.length);
      // a low-urgency incident without a priority is not major
      expect(await readIds([minor.id, p3.id])).toEqual([]);
      // nothing is due again within minutes
      expect(await syncIncidentTimelines(context(500))).toBe(0);
    });

    it('stores the log with its notes, reads it again once resolved, and never after', async () => {
      const { sync, store, context, advance } = await setUp();
      const incident = sim.state.trigger({
        service: 'auth-service',
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
      });
      sim.state.acknowledge(incident.id, {});
      addIncidentNote(sim.state, incident.id, { content: 'Rolling back' });

      const first = await sync.syncOnce();
      expect(first.logReads).toBe(1);
      const entries = await store.timelines.logEntriesOf(
        'default',
        incident.id,
        100,
      );
      expect(entries.map(e => e.type)).toEqual(
        expect.arrayContaining([
          'trigger_log_entry',
          'acknowledge_log_entry',
          'annotate_log_entry',
        ]),
      );
      expect(entries.find(e => e.type === 'annotate_log_entry')?.note).toBe(
        'Rolling back',
      );
      expect(
        await store.timelines.readStateOf('default', incident.id),
      ).toMatchObject({ complete: false });

      // open: read again only once five minutes have passed
      expect(await syncIncidentTimelines(context(500))).toBe(0);
      advance(REREAD_OPEN_AFTER_MS + 60_000);
      expect(await syncIncidentTimelines(context(500))).toBe(1);

      // resolved: the next sync stores it and completes its log
      sim.state.resolve(incident.id, {});
      const after = await sync.syncOnce();
      expect(after.logReads).toBe(1);
      expect(
        (await store.timelines.logEntriesOf('default', incident.id, 100)).some(
          e => e.type === 'resolve_log_entry',
        ),
      ).toBe(true);
      expect(
        await store.timelines.readStateOf('default', incident.id),
      ).toMatchObject({ complete: true });
      advance(86_400_000);
      expect(await syncIncidentTimelines(context(500))).toBe(0);
    });
  });
});
