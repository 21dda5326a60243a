import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { describePartFreshness } from '@status-layer/plugin-status-common';
import { createStatusStack } from '../__testUtils__/statusStack';
import { createTestDatabases } from '../__testUtils__/databases';
import { partFreshness } from '../engine/freshness';
import { StatusStore } from '../database';
import { nextTurn, ROTATION_SYNCS } from './partOrder';
import { PagerDutyRestClient } from './PagerDutyRestClient';
import { PagerDutySync } from './PagerDutySync';

jest.setTimeout(60_000);

describe('PagerDutySync parts that depend on another', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;

    beforeEach(async () => {
      sim = await startPagerDutySimulator({ seed: 31 });
    });
    afterEach(() => sim.close());

    const setFaults = (faults: object) =>
      fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });
    const freshnessOf = async (store: StatusStore, part: 'alerts' | 'notes') =>
      partFreshness(await store.listSources(), 'default', part, {
        now: new Date(),
        syncIntervalMs: 60_000,
        staleAfterMissedSyncs: 3,
      });

    async function setUp() {
      return createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        client: { maxRetries: 1, backoffMs: 10 },
      });
    }

    it('leaves out the alerts and notes when the incidents cannot be read: stale at once, saying why, until read again', async () => {
      const { store, sync } = await setUp();
      sim.state.trigger({ service: 'cart-api', title: 'Carts failing' });
      const first = await sync.syncOnce();
      expect(first.parts.every(p => p.ok)).toBe(true);
      expect((await freshnessOf(store, 'alerts')).stale).toBe(false);

      await setFaults({
        endpoints: { '/incidents': { mode: 'error', status: 500 } },
      });
      const failing = await sync.syncOnce();
      const because = (what: string) =>
        `the open incidents could not be read from PagerDuty, and ${what} are read per open incident`;
      expect(failing.parts.filter(p => !p.ok)).toEqual([
        {
          part: 'incidents',
          ok: false,
          error: expect.stringContaining('500'),
        },
        { part: 'alerts', ok: false, skipped: true, error: because('alerts') },
        { part: 'notes', ok: false, skipped: true, error: because('notes') },
      ]);
      // read a moment ago, yet stale now: nothing says it is still true
      const alerts = await freshnessOf(store, 'alerts');
      expect(alerts).toMatchObject({
        stale: true,
        skipped: true,
        lastError: because('alerts'),
      });
      expect(describePartFreshness(alerts, iso => `[${iso}]`)).toBe(
        `PagerDuty's alerts may be out of date: not read since [${
          alerts.lastSuccessAt
        }], because ${because('alerts')}`,
      );
      expect(await freshnessOf(store, 'notes')).toMatchObject({
        stale: true,
        lastError: because('notes'),
      });

      await setFaults({ endpoints: { '/incidents': null } });
      const recovered = await sync.syncOnce();
      expect(recovered.parts.every(p => p.ok)).toBe(true);
      for (const part of ['alerts', 'notes'] as const) {
        const freshness = await freshnessOf(store, part);
        expect(freshness).toMatchObject({ stale: false, lastError: null });
        expect(freshness.skipped).toBeUndefined();
      }
    });

    it('reads the alerts and notes when the open list was read but an incident that left it could not be looked up', async () => {
      const { store, sync } = await setUp();
      const gone = sim.state.trigger({ service: 'cart-api', title: 'x' });
      await sync.syncOnce();
      sim.state.resolve(gone.id);
      sim.state.trigger({ service: 'auth-service', title: 'Logins failing' });
      await setFaults({
        endpoints: { '/incidents/{id}': { mode: 'error', status: 503 } },
      });
      const result = await sync.syncOnce();
      expect(result.parts.filter(p => !p.ok).map(p => p.part)).toEqual([
        'incidents',
      ]);
      // the new incident's alert is read all the same
      expect(result.alertLookups).toBe(1);
      expect((await freshnessOf(store, 'alerts')).stale).toBe(false);
    });

    it(`with a budget of 4 requests, reads every part within ${ROTATION_SYNCS} syncs and says truly when a part left out comes next`, async () => {
      const { store } = await setUp();
      sim.scenarios.start('auth-outage', {
        hold: true,
        startedSecondsAgo: 120,
      });
      const sync = new PagerDutySync({
        account: 'default',
        client: new PagerDutyRestClient({
          apiBaseUrl: sim.url,
          apiToken: 'simulator-token',
          logger: mockServices.logger.mock(),
        }),
        store,
        logger: mockServices.logger.mock(),
        maxRequestsPerSync: 4,
      });
      const firstRead = new Map<string, number>();
      let previous: Awaited<ReturnType<typeof sync.syncOnce>> | undefined;
      let cut = 0;
      for (let i = 0; i < ROTATION_SYNCS; i++) {
        const result = await sync.syncOnce();
        expect(result.requests).toBeLessThanOrEqual(4);
        // levels rest on the incidents: read at every sync
        expect(result.parts.find(p => p.part === 'incidents')?.ok).toBe(true);
        for (const p of result.parts)
          if (p.ok && !firstRead.has(p.part)) firstRead.set(p.part, i);
        // what the last sync said of each part it could not read is what happened
        const order = result.parts.map(p => p.part);
        for (const p of previous?.parts.filter(o => !o.ok) ?? []) {
          expect(p.error).toContain(`budget of 4 PagerDuty requests`);
          expect(p.error).toContain(nextTurn(p.part, order));
          cut++;
        }
        previous = result;
      }
      expect(Object.fromEntries(firstRead)).toEqual({
        services: expect.any(Number),
        incidents: 0,
        maintenance: expect.any(Number),
        oncalls: expect.any(Number),
        changes: expect.any(Number),
        alerts: expect.any(Number),
        notes: expect.any(Number),
        timelines: expect.any(Number),
      });
      // the budget did leave parts out, and each was named with its next turn
      expect(cut).toBeGreaterThan(0);
      // none is stale for lack of the budget: each failed fewer syncs in a row than allowed
      const sources = await store.listSources();
      for (const source of sources)
        expect(source.consecutiveFailures).toBeLessThan(3);
    });
  });
});
