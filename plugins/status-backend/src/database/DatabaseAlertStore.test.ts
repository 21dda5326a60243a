import { NormalisedAlert } from '@status-layer/plugin-status-common';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/databases';
import { DatabaseAlertStore } from './DatabaseAlertStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;

describe('DatabaseAlertStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await migratedDatabase(databases, databaseId);
      return { knex, store: new DatabaseAlertStore(knex) };
    }

    const now = Date.now();
    const ago = (minutes: number) => new Date(now - minutes * MINUTE);
    const alert = (
      fingerprint: string,
      startedMinutesAgo: number,
      options: Partial<NormalisedAlert> = {},
    ): NormalisedAlert => ({
      source: 'alertmanager',
      fingerprint,
      state: 'firing',
      severity: 'critical',
      title: `Alert ${fingerprint}`,
      startedAt: ago(startedMinutesAgo).toISOString(),
      labels: { service: 'payments' },
      ...options,
    });

    it('stores an alert with everything it carries, and updates it when it comes again', async () => {
      const { store } = await createStore();
      const full = alert('F1', 30, {
        toolSeverity: 'Sev1',
        description: 'Payments are failing',
        url: 'https://alerts.example.com/F1',
        targets: {
          names: [{ value: 'payments', from: 'tag' }],
          entityRef: 'component:default/payments',
        },
      });
      await store.upsertAlerts([full], ago(20));
      expect(await store.listAlerts()).toEqual([
        { ...full, receivedAt: ago(20), changedAt: ago(20) },
      ]);

      const resolved = alert('F1', 30, {
        state: 'resolved',
        endedAt: ago(5).toISOString(),
        title: 'Alert F1, resolved',
      });
      await store.upsertAlerts([resolved], ago(4));
      expect(await store.listAlerts()).toEqual([]);
      expect(await store.listAlerts({ includeResolvedSince: ago(10) })).toEqual(
        [{ ...resolved, receivedAt: ago(4), changedAt: ago(4) }],
      );
    });

    it('reads the keys of alerts stored with a field per tool as the keys their matcher compares', async () => {
      const { store } = await createStore();
      // as rows were written before each source declared its own matcher
      const legacy = (fingerprint: string, source: string, targets: object) =>
        alert(fingerprint, 10, {
          source,
          targets: targets as NormalisedAlert['targets'],
        });
      await store.upsertAlerts(
        [
          legacy('A', 'azure', {
            azureResourceIds: ['/subscriptions/1/sites/pay'],
            names: [{ value: 'pay', from: 'resource' }],
          }),
          legacy('G', 'generic', { routingKey: 'KEY-PAY' }),
          legacy('N', 'newrelic', {
            newRelicEntityGuids: ['GUID-1', 'GUID-2'],
          }),
          legacy('S', 'statuscake', { statusCakeTestName: 'Payments API' }),
          legacy('E', 'azure', { azureResourceIds: [] }),
        ],
        ago(5),
      );
      const targets = Object.fromEntries(
        (await store.listAlerts()).map(a => [a.fingerprint, a.targets]),
      );
      expect(targets).toEqual({
        A: {
          keys: ['/subscriptions/1/sites/pay'],
          names: [{ value: 'pay', from: 'resource' }],
        },
        G: { keys: ['KEY-PAY'] },
        N: { keys: ['GUID-1', 'GUID-2'] },
        S: { keys: ['Payments API'] },
        E: {},
      });
    });

    it('keeps the last of an alert repeated in one body, and bounds the tool severity it keeps', async () => {
      const { store } = await createStore();
      await store.upsertAlerts(
        [
          alert('R', 10, { title: 'first' }),
          alert('R', 10, { title: 'last', toolSeverity: 'S'.repeat(100) }),
        ],
        ago(1),
      );
      const [stored] = await store.listAlerts();
      expect(stored.title).toBe('last');
      expect(stored.toolSeverity).toBe('S'.repeat(64));
    });

    it('hashes a fingerprint longer than the column, stably, and answers it as given', async () => {
      const { store } = await createStore();
      const long = 'f'.repeat(300);
      await store.upsertAlerts([alert(long, 10)], ago(2));
      await store.upsertAlerts([alert(long, 10, { title: 'again' })], ago(1));
      const stored = await store.listAlerts();
      expect(stored).toHaveLength(1);
      expect(stored[0].fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(stored[0].title).toBe('again');
      expect(
        await store.firingFingerprints('alertmanager', [long, 'other']),
      ).toEqual([long]);
    });

    it('lists firing alerts newest first, resolved ones since a time, of one source', async () => {
      const { store } = await createStore();
      await store.upsertAlerts(
        [
          alert('OLDER', 60),
          alert('B', 10),
          alert('A', 10),
          alert('RECENTLY_RESOLVED', 20, {
            state: 'resolved',
            endedAt: ago(5).toISOString(),
          }),
          alert('LONG_RESOLVED', 120, {
            state: 'resolved',
            endedAt: ago(90).toISOString(),
          }),
          alert('DD', 1, { source: 'datadog' }),
        ],
        ago(1),
      );
      expect((await store.listAlerts()).map(a => a.fingerprint)).toEqual([
        'DD',
        'A',
        'B',
        'OLDER',
      ]);
      expect(
        (await store.listAlerts({ includeResolvedSince: ago(30) })).map(
          a => a.fingerprint,
        ),
      ).toEqual(['DD', 'A', 'B', 'RECENTLY_RESOLVED', 'OLDER']);
      expect(
        (
          await store.listAlerts({
            includeResolvedSince: ago(30),
            source: 'alertmanager',
          })
        ).map(a => a.fingerprint),
      ).toEqual(['A', 'B', 'RECENTLY_RESOLVED', 'OLDER']);
      expect(
        (await store.listAlerts({ source: 'datadog' })).map(a => a.fingerprint),
      ).toEqual(['DD']);
    });

    it('counts and finds firing alerts per source, in more than one read', async () => {
      const { store } = await createStore();
      const many = Array.from({ length: 450 }, (_, i) => alert(`M${i}`, 5));
      await store.upsertAlerts(
        [
          ...many,
          alert('GONE', 5, {
            state: 'resolved',
            endedAt: ago(1).toISOString(),
          }),
          alert('M0', 5, { source: 'datadog' }),
        ],
        ago(1),
      );
      expect(await store.countFiring('alertmanager')).toBe(450);
      expect(await store.countFiring('datadog')).toBe(1);
      expect(await store.countFiring('nagios')).toBe(0);

      const asked = [...many.map(a => a.fingerprint), 'GONE', 'NEVER'];
      const found = await store.firingFingerprints('alertmanager', asked);
      expect(found.sort((a, b) => a.localeCompare(b))).toEqual(
        many.map(a => a.fingerprint).sort((a, b) => a.localeCompare(b)),
      );
      expect(await store.firingFingerprints('datadog', ['M0', 'M1'])).toEqual([
        'M0',
      ]);
      expect(await store.firingFingerprints('alertmanager', [])).toEqual([]);
    });

    it('expires the firing alerts of a source not sent again since a time', async () => {
      const { store } = await createStore();
      await store.upsertAlerts([alert('STALE', 60)], ago(50));
      await store.upsertAlerts([alert('EDGE', 60)], ago(30));
      await store.upsertAlerts([alert('FRESH', 60)], ago(5));
      await store.upsertAlerts(
        [alert('OTHER', 60, { source: 'datadog' })],
        ago(50),
      );
      expect(await store.expireFiring('alertmanager', ago(30), ago(0))).toBe(1);
      // expiring again changes nothing
      expect(await store.expireFiring('alertmanager', ago(30), ago(0))).toBe(0);
      expect((await store.listAlerts()).map(a => a.fingerprint).sort()).toEqual(
        ['EDGE', 'FRESH', 'OTHER'],
      );
      const [expired] = (
        await store.listAlerts({ includeResolvedSince: ago(1) })
      ).filter(a => a.state === 'resolved');
      expect(expired).toMatchObject({
        fingerprint: 'STALE',
        endedAt: ago(0).toISOString(),
        receivedAt: ago(50),
        changedAt: ago(0),
      });
    });

    it('lists the alerts written at or after a time', async () => {
      const { store } = await createStore();
      await store.upsertAlerts([alert('OLD', 60)], ago(40));
      await store.upsertAlerts([alert('EDGE', 60)], ago(20));
      await store.upsertAlerts([alert('NEW', 60)], ago(10));
      await store.upsertAlerts([alert('EXPIRED', 60)], ago(50));
      await store.expireFiring('alertmanager', ago(45), ago(5));
      expect(
        (await store.listChangedSince(ago(20))).map(a => a.fingerprint).sort(),
      ).toEqual(['EDGE', 'EXPIRED', 'NEW']);
      expect(await store.listChangedSince(ago(-1))).toEqual([]);
    });

    it('prunes alerts resolved before a time, by their end or else their receipt', async () => {
      const { knex, store } = await createStore();
      await store.upsertAlerts(
        [
          alert('ENDED_LONG_AGO', 120, {
            state: 'resolved',
            endedAt: ago(100).toISOString(),
          }),
          alert('ENDED_AT_BOUND', 120, {
            state: 'resolved',
            endedAt: ago(60).toISOString(),
          }),
          alert('ENDED_RECENTLY', 120, {
            state: 'resolved',
            endedAt: ago(10).toISOString(),
          }),
          alert('STILL_FIRING', 600),
        ],
        ago(90),
      );
      // a resolved alert whose tool sent no end: its receipt counts
      await store.upsertAlerts(
        [alert('NO_END_OLD', 120, { state: 'resolved' })],
        ago(80),
      );
      await store.upsertAlerts(
        [alert('NO_END_NEW', 120, { state: 'resolved' })],
        ago(30),
      );
      expect(await store.pruneResolved(ago(60))).toBe(2);
      expect(await store.pruneResolved(ago(60))).toBe(0);
      const left: string[] = await knex('status_alerts')
        .orderBy('fingerprint')
        .pluck('fingerprint');
      expect(left).toEqual([
        'ENDED_AT_BOUND',
        'ENDED_RECENTLY',
        'NO_END_NEW',
        'STILL_FIRING',
      ]);
    });
  });
});
