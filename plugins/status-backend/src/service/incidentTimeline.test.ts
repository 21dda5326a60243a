import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  addIncidentNote,
  PagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { describeIncidentTimeline } from './incidentTimeline';
import { describeMajorIncidents } from './majorIncidents';

jest.setTimeout(90_000);

const AUTH = 'component:default/auth-service';
const SHOP = 'component:default/shop-web';

/** The login outage from the simulator through the sync, the engine and the timeline. */
describe('incident timeline', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startShopSimulator();
    });
    afterEach(() => sim.close());

    it('orders the change, the log, the notes and the impact with each recovery, and finds the postmortem in a note', async () => {
      const { store, sync, makeEngine } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        entities,
      });
      // observing before the outage begins
      await sync.syncOnce();
      const engine = await makeEngine();
      await engine.refreshCatalog();
      await engine.refreshSignals();
      const everything = callerView(
        entities.map(e => stringifyEntityRef(e)),
        true,
      );

      sim.state.recordChange({
        service: 'PAUTH00',
        summary: 'Deployed auth-service v2.14.0',
        at: new Date(sim.state.now().getTime() - 6 * 60_000),
      });
      const login = sim.state.trigger({
        service: 'PAUTH00',
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
      });
      sim.state.acknowledge(login.id, {});
      addIncidentNote(sim.state, login.id, {
        content: 'Rolling back auth-service to v2.13.4',
      });
      await sync.syncOnce();
      await engine.refreshSignals();

      const timeline = () =>
        describeIncidentTimeline({
          store,
          engine,
          view: everything,
          account: 'default',
          id: login.id,
          now: new Date(),
        });
      const open = await timeline();
      expect(open.incident).toMatchObject({
        title: 'Login failing',
        status: 'acknowledged',
        major: true,
        entityRefs: [AUTH],
      });
      expect(open.gaps).toEqual([]);
      expect(open.postmortem).toBeNull();
      const kinds = open.entries.map(e => e.kind);
      expect(kinds.indexOf('change')).toBeLessThan(kinds.indexOf('triggered'));
      expect(kinds.indexOf('triggered')).toBeLessThan(
        kinds.indexOf('acknowledged'),
      );
      // the note is listed once, with its author, though PagerDuty logged it too
      const notes = open.entries.filter(e => e.kind === 'note');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({
        text: 'Rolling back auth-service to v2.13.4',
        by: expect.any(String),
      });
      // auth-service itself and each dependent, none recovered yet
      expect(open.impact.map(i => [i.entityRef, i.to])).toEqual(
        expect.arrayContaining([
          [AUTH, null],
          [SHOP, null],
        ]),
      );
      expect(open.impact.find(i => i.entityRef === SHOP)?.path).toEqual([
        AUTH,
        'component:default/membership-api',
        'component:default/cart-api',
        SHOP,
      ]);
      expect(open.teams).toBe(2);

      // resolved, with its postmortem linked in a note
      addIncidentNote(sim.state, login.id, {
        content:
          'Written up: [Post-mortem: login failing](https://wiki.example.com/pm/login)',
      });
      sim.state.resolve(login.id, {});
      await sync.syncOnce();
      await engine.refreshSignals();
      const resolved = await timeline();
      expect(resolved.gaps).toEqual([]);
      expect(resolved.postmortem).toEqual({
        url: 'https://wiki.example.com/pm/login',
        title: 'Post-mortem: login failing',
        source: 'note',
      });
      expect(resolved.entries.map(e => e.kind)).toEqual(
        expect.arrayContaining(['resolved', 'recovered']),
      );
      for (const i of resolved.impact) expect(i.to).not.toBeNull();
      const last = resolved.entries[resolved.entries.length - 1];
      expect(last.kind).toBe('recovered');

      // among auth-service's past major incidents, and its team's
      const major = (entityRef?: string, query = '') =>
        describeMajorIncidents({
          store,
          engine,
          view: everything,
          entityRef,
          rollup: entityRef?.startsWith('group:'),
          query,
          days: 90,
          offset: 0,
          limit: 25,
          now: new Date(),
        });
      const own = await major(AUTH);
      const listed = own.incidents.find(i => i.id === login.id);
      expect(listed).toMatchObject({
        title: 'Login failing',
        entityRef: AUTH,
        blastRadius: { entities: resolved.impact.length, teams: 2 },
        postmortem: {
          url: 'https://wiki.example.com/pm/login',
          source: 'note',
        },
      });
      expect(listed!.durationMs).toBe(
        Date.parse(listed!.resolvedAt!) - Date.parse(listed!.createdAt),
      );
      const platform = await major('group:default/platform', 'LOGIN');
      expect(platform.incidents.map(i => i.id)).toContain(login.id);
      expect(platform.teams).toContainEqual({
        team: 'group:default/platform',
        incidents: platform.total,
        withPostmortem: expect.any(Number),
      });
      expect((await major(AUTH, 'payments')).incidents).toEqual([]);
      // shop-web's own service had none
      expect((await major(SHOP)).incidents).toEqual([]);
    });

    it('says plainly when the log was not read, standing in the incident’s own times', async () => {
      const { store, sync, makeEngine } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
        entities,
        client: { maxRetries: 0, backoffMs: 10 },
      });
      const login = sim.state.trigger({
        service: 'PAUTH00',
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
      });
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: {
            '/incidents/{id}/log_entries': { mode: 'error', status: 500 },
          },
        }),
      });
      await sync.syncOnce();
      const engine = await makeEngine();
      await engine.refreshCatalog();
      const result = await describeIncidentTimeline({
        store,
        engine,
        view: callerView([AUTH]),
        account: 'default',
        id: login.id,
        now: new Date(),
      });
      expect(result.gaps.map(g => g.code)).toEqual(
        expect.arrayContaining(['log-not-read', 'log-failed']),
      );
      expect(result.gaps.find(g => g.code === 'log-failed')?.error).toMatch(
        /500/,
      );
      // PagerDuty gives times to the second
      const triggered = result.entries.find(e => e.kind === 'triggered');
      expect(
        Math.abs(Date.parse(triggered!.at) - login.createdAt.getTime()),
      ).toBeLessThan(1_000);
    });
  });
});
