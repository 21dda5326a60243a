import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from './DatabaseStatusStore';
import { pruneHistory } from './retention';

jest.setTimeout(60_000);

const day = 86_400_000;

describe('pruneHistory', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'deletes old resolved alerts, processed webhook events, transitions and change events, keeping the rest, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const now = new Date('2026-11-21T10:00:00.000Z');
      const alert = (
        fingerprint: string,
        state: 'firing' | 'resolved',
        endedDaysAgo?: number,
      ) => ({
        source: 'alertmanager',
        fingerprint,
        state,
        severity: 'critical' as const,
        title: fingerprint,
        startedAt: new Date(now.getTime() - 60 * day).toISOString(),
        endedAt:
          endedDaysAgo === undefined
            ? undefined
            : new Date(now.getTime() - endedDaysAgo * day).toISOString(),
        labels: {},
      });
      await store.alerts.upsertAlerts(
        [
          alert('old-resolved', 'resolved', 40),
          alert('recent-resolved', 'resolved', 2),
          alert('old-but-firing', 'firing'),
        ],
        new Date(now.getTime() - 40 * day),
      );
      const event = (id: string, receivedDaysAgo: number) => ({
        id,
        account: 'default',
        eventType: 'incident.triggered',
        occurredAt: new Date(now.getTime() - receivedDaysAgo * day),
        receivedAt: new Date(now.getTime() - receivedDaysAgo * day),
        payload: '{}',
      });
      await store.webhookEvents.saveEvent(event('old', 10));
      await store.webhookEvents.saveEvent(event('recent', 1));
      await store.webhookEvents.saveEvent(event('old-pending', 10));
      await store.webhookEvents.markProcessed(
        'old',
        new Date(now.getTime() - 10 * day),
      );
      await store.webhookEvents.markProcessed(
        'recent',
        new Date(now.getTime() - day),
      );
      const transition = (entityRef: string, daysAgo: number) => ({
        entityRef,
        effectiveFrom: 'operational',
        effectiveTo: 'major_outage',
        at: new Date(now.getTime() - daysAgo * day),
      });
      await store.recordTransitions([
        transition('component:default/a', 500),
        transition('component:default/a', 450),
        transition('component:default/a', 10),
        // b's only transition is old, but it holds b's level
        transition('component:default/b', 500),
      ]);
      const change = (id: string, daysAgo: number) => ({
        account: 'default',
        id,
        serviceIds: ['PAUTH01', 'PCART01'],
        at: new Date(now.getTime() - daysAgo * day),
        summary: `Deployed ${id}`,
        links: [],
      });
      await store.changeEvents.upsert([change('old', 91), change('recent', 3)]);
      const note = (id: string, daysAgo: number) => ({
        account: 'default',
        incidentId: 'PINC1',
        kind: 'note' as const,
        id,
        at: new Date(now.getTime() - daysAgo * day),
        message: `Note ${id}`,
      });
      await store.incidentUpdates.upsert([note('OLD', 100), note('NEW', 1)]);
      const logEntry = (id: string, daysAgo: number) => ({
        account: 'default',
        incidentId: 'PINC1',
        id,
        type: 'acknowledge_log_entry',
        at: new Date(now.getTime() - daysAgo * day),
        summary: `Acknowledged ${id}`,
      });
      await store.timelines.upsertLogEntries([
        logEntry('LOLD', 100),
        logEntry('LNEW', 1),
      ]);
      await store.timelines.recordRead('default', 'PINC1', {
        at: new Date(now.getTime() - day),
        complete: true,
      });

      expect(
        await pruneHistory(
          store,
          {
            resolvedAlertsDays: 30,
            webhookEventsDays: 7,
            transitionsDays: 400,
            changeEventsDays: 90,
            incidentUpdatesDays: 90,
          },
          now,
        ),
      ).toEqual({
        alerts: 1,
        webhookEvents: 1,
        transitions: 2,
        // one row per service the event names
        changeEvents: 2,
        incidentUpdates: 1,
        incidentLogs: 1,
      });
      expect(
        (await store.timelines.logEntriesOf('default', 'PINC1', 10)).map(
          e => e.id,
        ),
      ).toEqual(['LNEW']);
      expect(
        await store.timelines.readStateOf('default', 'PINC1'),
      ).toMatchObject({ complete: true });
      expect(
        (
          await store.incidentUpdates.listFor(
            [{ account: 'default', incidentId: 'PINC1' }],
            10,
          )
        ).map(u => u.id),
      ).toEqual(['NEW']);
      expect(
        (
          await store.changeEvents.listForServices(
            [{ account: 'default', serviceId: 'PCART01' }],
            new Date(0),
            10,
          )
        ).map(e => e.id),
      ).toEqual(['recent']);
      expect(
        (await store.listTransitions('component:default/a')).map(t =>
          Math.round((now.getTime() - t.at.getTime()) / day),
        ),
      ).toEqual([10]);
      expect(await store.listTransitions('component:default/b')).toHaveLength(
        1,
      );
      expect(
        (await store.alerts.listAlerts({ includeResolvedSince: new Date(0) }))
          .map(a => a.fingerprint)
          .sort(),
      ).toEqual(['old-but-firing', 'recent-resolved']);
      // an event never processed is never pruned
      expect(
        (await store.webhookEvents.listPending(10)).map(e => e.id),
      ).toEqual(['old-pending']);
      expect(await knex('status_pd_webhook_events').pluck('id')).toHaveLength(
        2,
      );
    },
  );
});
