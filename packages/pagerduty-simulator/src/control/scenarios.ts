import { addIncidentNote, publishStatusUpdate } from '../incidentUpdates';
import { AccountState, UnknownObjectError } from '../state';

type Step = {
  /** Seconds after the scenario starts. */
  at: number;
  /** Skipped when the scenario is held (it then stays in its worst state). */
  resolution?: boolean;
  run: (state: AccountState, at: Date, context: Map<string, string>) => void;
};

type Scenario = { description: string; steps: Step[] };

const trigger =
  (
    key: string,
    service: string,
    title: string,
    urgency: 'high' | 'low',
    priority?: string,
    withConferenceBridge = false,
  ) =>
  (state: AccountState, at: Date, context: Map<string, string>) => {
    context.set(
      key,
      state.trigger({
        service,
        title,
        urgency,
        priority,
        at,
        withConferenceBridge,
      }).id,
    );
  };

const each =
  (action: 'acknowledge' | 'resolve') =>
  (state: AccountState, at: Date, context: Map<string, string>) => {
    for (const id of context.values()) {
      const incident = state.incidents.get(id);
      if (!incident || incident.status === 'resolved') continue;
      if (action === 'acknowledge' && incident.status === 'acknowledged')
        continue;
      state[action](id, { at });
    }
  };

/**
 * The named scenarios of `yarn demo <scenario>`. Service names are the demo
 * catalog's entity names.
 */
export const SCENARIOS: Record<string, Scenario> = {
  'auth-outage': {
    description:
      'auth-service deployed v2.14.0, then six minutes later a P1 on auth-service like one resolved twelve days ago (its postmortem linked in a note); low-urgency incidents follow on cart-api and video-bff (its symptoms); acknowledged after 1 minute, a responder note after 90 s and a status update after 2 minutes, resolved after 5; a search cluster upgrade is planned for two hours later',
    steps: [
      {
        at: 0,
        run: (state, at) => {
          // planned once: a restarted scenario finds it still ahead
          const planned = [...state.maintenanceWindows.values()].some(
            w =>
              w.description === 'Search cluster upgrade' &&
              w.endTime > state.now(),
          );
          if (!planned)
            state.startMaintenance({
              services: ['search-service'],
              minutes: 60,
              description: 'Search cluster upgrade',
              at: new Date(at.getTime() + 2 * 3_600_000),
            });
        },
      },
      {
        at: 0,
        // the change that caused it: six minutes before the first incident;
        // and the same failure twelve days ago, resolved in 38 minutes
        run: (state, at) => {
          const before = new Date(at.getTime() - 12 * 86_400_000);
          const past = state.trigger({
            service: 'auth-service',
            title:
              'Login failing: auth-service answers 502 on /oauth/token after a certificate rotation',
            urgency: 'high',
            priority: 'P2',
            at: before,
            silent: true,
          });
          state.acknowledge(past.id, {
            at: new Date(before.getTime() + 3 * 60_000),
            silent: true,
          });
          state.resolve(past.id, {
            at: new Date(before.getTime() + 38 * 60_000),
            silent: true,
          });
          // its postmortem, linked the next day
          addIncidentNote(state, past.id, {
            content:
              'Incident review written: [Postmortem: login failing after the certificate rotation](https://wiki.example.com/postmortems/auth-service-certificate-rotation)',
            userId: past.assigneeIds[0],
            at: new Date(before.getTime() + 26 * 3_600_000),
            silent: true,
          });
          state.recordChange({
            service: 'auth-service',
            summary:
              'Deployed auth-service v2.14.0: token signing moved to the new key service',
            source: 'auth-service-pipeline',
            at: new Date(at.getTime() - 6 * 60_000),
            customDetails: { version: 'v2.14.0', environment: 'production' },
            links: [
              {
                href: 'https://ci.example.com/auth-service/builds/2140',
                text: 'Build 2140',
              },
            ],
          });
        },
      },
      {
        at: 0,
        run: trigger(
          'auth',
          'auth-service',
          'Login failing: auth-service answers 503 on /oauth/token',
          'high',
          'P1',
          true,
        ),
      },
      {
        at: 20,
        run: trigger(
          'cart',
          'cart-api',
          'Cart requests failing: membership lookups time out',
          'low',
        ),
      },
      {
        at: 40,
        run: trigger(
          'video',
          'video-bff',
          'Video app sign-ins failing for 30% of sessions',
          'low',
        ),
      },
      { at: 60, run: each('acknowledge') },
      {
        at: 90,
        run: (state, at, context) =>
          addIncidentNote(state, context.get('auth')!, {
            content:
              'Rolling auth-service back to v2.13.4: v2.14.0 signs tokens with a key the gateways do not trust yet.',
            userId: state.incident(context.get('auth')!).assigneeIds[0],
            at,
          }),
      },
      {
        at: 120,
        run: (state, at, context) =>
          publishStatusUpdate(state, context.get('auth')!, {
            message:
              'Sign-in fails for about 30% of users across the shop, video and membership apps. The 14:02 deploy of auth-service is being rolled back; next update in 15 minutes.',
            userId: state.incident(context.get('auth')!).assigneeIds[0],
            at,
          }),
      },
      { at: 300, resolution: true, run: each('resolve') },
    ],
  },
  'payment-degraded': {
    description:
      'High-urgency P3 latency incident on payments-api, a low-urgency one on card-processor-adapter; acknowledged after 1 minute, resolved after 10',
    steps: [
      {
        at: 0,
        run: trigger(
          'payments',
          'payments-api',
          'Payment latency p99 above 4 s',
          'high',
          'P3',
        ),
      },
      {
        at: 15,
        run: trigger(
          'acquirer',
          'card-processor-adapter',
          'Card acquirer timeouts above 2%',
          'low',
          'P4',
        ),
      },
      { at: 60, run: each('acknowledge') },
      { at: 600, resolution: true, run: each('resolve') },
    ],
  },
  maintenance: {
    description:
      '30 minutes of maintenance on search-service and search-index, with a low-urgency incident raised during it',
    steps: [
      {
        at: 0,
        run: state => {
          state.startMaintenance({
            services: ['search-service', 'search-index'],
            minutes: 30,
            description: 'Search cluster upgrade',
          });
        },
      },
      {
        at: 30,
        run: trigger(
          'search',
          'search-service',
          'Search index reindexing: partial results',
          'low',
        ),
      },
      { at: 1800, resolution: true, run: each('resolve') },
    ],
  },
  calm: {
    description:
      'Resolves every open incident and ends every ongoing maintenance window',
    steps: [
      {
        at: 0,
        run: state => {
          state.resolveAll();
          for (const window of state.ongoingMaintenance())
            state.endMaintenance(window.id);
        },
      },
    ],
  },
};

/** Runs one scenario at a time on an account; starting another cancels the rest of the previous one. */
export class ScenarioRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  current?: { name: string; startedAt: Date; held: boolean };

  constructor(
    private readonly state: AccountState,
    private readonly options: {
      timeScale: number;
      log: (message: string) => void;
    },
  ) {}

  /**
   * Starts a scenario. `startedSecondsAgo` backdates it: steps that fall in
   * the past happen now, with their original times.
   */
  start(
    name: string,
    options: { hold?: boolean; startedSecondsAgo?: number } = {},
  ): void {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new UnknownObjectError('scenario', name);
    this.cancel();
    const now = this.state.now();
    const startedAt = new Date(
      now.getTime() - (options.startedSecondsAgo ?? 0) * 1000,
    );
    this.current = { name, startedAt, held: Boolean(options.hold) };
    const context = new Map<string, string>();
    const run = (step: Step, at: Date) => {
      try {
        step.run(this.state, at, context);
      } catch (error) {
        // A catalog without this service: the rest of the scenario still runs.
        if (error instanceof UnknownObjectError)
          this.options.log(`scenario ${name}: ${error.message}, step skipped`);
        else throw error;
      }
    };
    for (const step of scenario.steps) {
      if (options.hold && step.resolution) continue;
      const due = startedAt.getTime() + step.at * 1000;
      if (due <= now.getTime()) {
        run(step, new Date(due));
      } else {
        const delay = (due - now.getTime()) * this.options.timeScale;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          run(step, this.state.now());
        }, delay);
        this.timers.add(timer);
      }
    }
  }

  /** Steps of the current scenario still to come (none once it is over or held in its worst state). */
  get pendingSteps(): number {
    return this.timers.size;
  }

  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
