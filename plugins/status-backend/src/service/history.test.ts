import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { backfillKey } from '../database/DatabaseStatusStore';
import { describeHistory } from './history';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('describeHistory', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = useShopDuringLoginOutage(databases, databaseId);

    it('tells the days before recording began from the backfilled incidents, and says which they are', async () => {
      const { engine, store, all } = await start();
      const now = new Date();
      const observedSince = (await store.observedSince())!;
      const threeDaysAgo = new Date(
        Math.floor(now.getTime() / DAY) * DAY - 3 * DAY + 10 * HOUR,
      );
      await store.upsertIncidents([
        {
          account: 'default',
          id: 'PPAST01',
          number: 1,
          title: 'Login failing',
          serviceId: 'PAUTH00',
          status: 'resolved',
          urgency: 'high',
          priority: 'P1',
          createdAt: threeDaysAgo,
          acknowledgedAt: threeDaysAgo,
          resolvedAt: new Date(threeDaysAgo.getTime() + HOUR),
          changedAt: threeDaysAgo,
          observedAt: threeDaysAgo,
          assignees: [],
        },
      ]);
      const read = () =>
        describeHistory({
          entityRef: 'component:default/auth-service',
          engine,
          store,
          view: all,
          query: { days: '7' },
          now,
        });
      // the organisation's first sync finished a backfill of the simulator's past
      const from = new Date(observedSince.getTime() - 90 * DAY);
      await store.setMeta(
        backfillKey('default'),
        JSON.stringify({
          from: from.toISOString(),
          until: observedSince.toISOString(),
          incidents: 1,
          finishedAt: now.toISOString(),
        }),
      );
      const history = await read();
      expect(history.backfilledFrom).toBe(
        new Date(Math.floor(now.getTime() / DAY) * DAY - 6 * DAY).toISOString(),
      );
      const day = history.days[3];
      expect(day.observedMs).toBe(0);
      expect(day.backfilled).toEqual({
        incidents: 1,
        coveredMs: DAY,
        incidentMs: HOUR,
        downtimeMs: HOUR,
        worst: 'major_outage',
      });
      expect(history.days[2].backfilled).toEqual({
        incidents: 0,
        coveredMs: DAY,
        incidentMs: 0,
        downtimeMs: 0,
        worst: 'operational',
      });
      // today is recorded: not backfilled; overall availability counts
      // recorded time only, its own also the backfilled days and their hour down
      expect(history.days[6].backfilled).toBeUndefined();
      const week = history.availability[0];
      expect(week.observedMs).toBeLessThan(DAY);
      expect(week.backfilledMs).toBe(6 * DAY);
      expect(week.own).toBeCloseTo(1 - HOUR / (6 * DAY + week.observedMs), 6);
      const today = history.days[6];
      expect(week.overall).toBeCloseTo(
        1 - (today.ownDowntimeMs + today.upstreamDowntimeMs) / week.observedMs,
        6,
      );

      // without a backfill, the days before recording are simply unknown
      await store.deleteMeta(backfillKey('default'));
      const unknown = await read();
      expect(unknown.backfilledFrom).toBeUndefined();
      expect(unknown.days.every(d => d.backfilled === undefined)).toBe(true);
    });
  });
});
