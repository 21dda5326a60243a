import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { Faults, noFaults } from '../rest/guards';
import { shapeChangeEvent } from '../rest/changeEventRouter';
import { Shapes } from '../rest/shapes';
import {
  AccountState,
  InvalidTransitionError,
  UnknownObjectError,
} from '../state';
import { WebhookDispatcher } from '../webhooks/WebhookDispatcher';
import { SCENARIOS, ScenarioRunner } from './scenarios';

const triggerBody = z.object({
  service: z.string().min(1),
  title: z.string().min(1).optional(),
  urgency: z.enum(['high', 'low']).optional(),
  priority: z.string().optional(),
  conferenceBridge: z.boolean().optional(),
});

const maintenanceBody = z.object({
  services: z.array(z.string().min(1)).min(1),
  minutes: z
    .number()
    .positive()
    .max(7 * 24 * 60),
  description: z.string().optional(),
});

const changeBody = z.object({
  service: z.string().min(1),
  summary: z.string().min(1).max(1024),
  source: z.string().min(1).max(255).optional(),
  /** When it happened, in minutes before now (0 by default). */
  minutesAgo: z
    .number()
    .min(0)
    .max(90 * 24 * 60)
    .optional(),
  customDetails: z.record(z.string(), z.string()).optional(),
  links: z
    .array(z.object({ href: z.string().url(), text: z.string() }))
    .max(10)
    .optional(),
});

const faultsBody = z
  .object({
    latencyMs: z.number().min(0),
    jitterMs: z.number().min(0),
    errorRate: z.number().min(0).max(1),
    errorStatuses: z
      .array(z.union([z.literal(500), z.literal(502), z.literal(503)]))
      .min(1),
    hangRate: z.number().min(0).max(1),
    outageSeconds: z.number().min(0),
    rateLimitPerMinute: z.number().int().positive().nullable(),
    webhookDelayMs: z.number().min(0),
    /** Replaces the endpoint faults; `null` for an endpoint clears it. */
    endpoints: z.record(
      z.string().startsWith('/'),
      z
        .discriminatedUnion('mode', [
          z.object({
            mode: z.literal('error'),
            status: z.number().int().min(400).max(599).optional(),
          }),
          z.object({ mode: z.literal('timeout') }),
          z.object({ mode: z.literal('endless-more') }),
          z.object({ mode: z.literal('duplicates') }),
        ])
        .nullable(),
    ),
  })
  .partial();

const INCIDENT_ACTIONS = [
  'acknowledge',
  'unacknowledge',
  'escalate',
  'resolve',
  'reopen',
] as const;

/**
 * The simulator's own API (not PagerDuty's), used by `yarn demo`, tests and
 * benchmarks: drive incidents, maintenance windows, scenarios and faults.
 */
export function createControlRouter(options: {
  state: AccountState;
  shapes: Shapes;
  faults: { get: () => Faults; set: (faults: Faults) => void };
  scenarios: ScenarioRunner;
  webhooks: WebhookDispatcher;
}): Router {
  const { state, shapes, scenarios, webhooks } = options;
  const router = Router();
  router.use(express.json());

  const summary = (id: string) => {
    const i = state.incident(id);
    return {
      id: i.id,
      number: i.number,
      service: state.services.get(i.serviceId)?.name,
      serviceId: i.serviceId,
      title: i.title,
      status: i.status,
      urgency: i.urgency,
      priority: state.priorities.find(p => p.id === i.priorityId)?.name ?? null,
      createdAt: i.createdAt.toISOString(),
    };
  };

  const faultsView = () => {
    const f = options.faults.get();
    return { ...f, outageUntil: f.outageUntil?.toISOString() ?? null };
  };

  router.get('/status', (_req, res) => {
    res.json({
      openIncidents: state.openIncidents().map(i => summary(i.id)),
      ongoingMaintenance: state
        .ongoingMaintenance()
        .map(w => shapes.maintenanceWindow(w)),
      scenario: scenarios.current ?? null,
      faults: faultsView(),
      webhooks: {
        subscriptions: [...state.webhookSubscriptions.values()].map(s => ({
          id: s.id,
          url: s.url,
          rotating: s.secrets.length > 1,
        })),
        pending: webhooks.pendingCount(),
      },
      counts: {
        services: state.services.size,
        incidents: state.incidents.size,
        users: state.users.size,
      },
    });
  });

  router.post('/incidents', (req, res) => {
    const body = triggerBody.parse(req.body);
    const incident = state.trigger({
      service: body.service,
      title: body.title ?? `Simulated incident on ${body.service}`,
      urgency: body.urgency,
      priority: body.priority,
      withConferenceBridge: body.conferenceBridge,
    });
    res.status(201).json(summary(incident.id));
  });

  router.post('/incidents/:id/:action', (req, res) => {
    const action = z.enum(INCIDENT_ACTIONS).parse(req.params.action);
    state[action](req.params.id);
    res.json(summary(req.params.id));
  });

  router.put('/incidents/:id/priority', (req, res) => {
    const { priority } = z
      .object({ priority: z.string().nullable() })
      .parse(req.body);
    state.setPriority(req.params.id, priority);
    res.json(summary(req.params.id));
  });

  router.put('/incidents/:id/assignees', (req, res) => {
    const { userIds } = z
      .object({ userIds: z.array(z.string()).min(1) })
      .parse(req.body);
    state.reassign(req.params.id, userIds);
    res.json(summary(req.params.id));
  });

  // Acts on every open incident of a service (by PagerDuty ID or entity name).
  router.post('/services/:service/:action', (req, res) => {
    const action = z.enum(['acknowledge', 'resolve']).parse(req.params.action);
    const service = state.service(req.params.service);
    const open = state.openIncidents().filter(i => i.serviceId === service.id);
    for (const incident of open) {
      if (action === 'resolve' || incident.status === 'triggered')
        state[action](incident.id);
    }
    res.json(open.map(i => summary(i.id)));
  });

  router.patch('/services/:service', (req, res) => {
    const patch = z
      .object({ name: z.string().min(1), description: z.string() })
      .partial()
      .parse(req.body);
    const service = state.updateService(req.params.service, patch);
    res.json(shapes.service(service, new Set()));
  });

  router.post('/maintenance', (req, res) => {
    const body = maintenanceBody.parse(req.body);
    res
      .status(201)
      .json(shapes.maintenanceWindow(state.startMaintenance(body)));
  });

  router.delete('/maintenance/:idOrService', (req, res) => {
    res.json(
      state
        .endMaintenance(req.params.idOrService)
        .map(w => shapes.maintenanceWindow(w)),
    );
  });

  router.post('/changes', (req, res) => {
    const { minutesAgo, ...body } = changeBody.parse(req.body);
    const event = state.recordChange({
      ...body,
      at: new Date(state.now().getTime() - (minutesAgo ?? 0) * 60_000),
    });
    res.status(201).json(shapeChangeEvent(shapes, event));
  });

  router.get('/scenarios', (_req, res) => {
    res.json(
      Object.entries(SCENARIOS).map(([name, s]) => ({
        name,
        description: s.description,
      })),
    );
  });

  router.post('/scenarios/:name', (req, res) => {
    const body = z
      .object({ hold: z.boolean(), startedSecondsAgo: z.number().min(0) })
      .partial()
      .parse(req.body ?? {});
    scenarios.start(req.params.name, body);
    res.json({
      scenario: scenarios.current,
      openIncidents: state.openIncidents().map(i => summary(i.id)),
    });
  });

  router.get('/faults', (_req, res) => res.json(faultsView()));

  router.put('/faults', (req, res) => {
    const body = faultsBody.parse(req.body);
    const { outageSeconds, rateLimitPerMinute, endpoints, ...rest } = body;
    const next: Faults = { ...options.faults.get(), ...rest };
    if (endpoints) {
      next.endpoints = { ...next.endpoints };
      for (const [path, fault] of Object.entries(endpoints)) {
        if (fault) next.endpoints[path] = fault;
        else delete next.endpoints[path];
      }
    }
    if (outageSeconds !== undefined) {
      next.outageUntil =
        outageSeconds > 0
          ? new Date(state.now().getTime() + outageSeconds * 1000)
          : undefined;
    }
    if (rateLimitPerMinute !== undefined)
      next.rateLimitPerMinute = rateLimitPerMinute ?? undefined;
    options.faults.set(next);
    res.json(faultsView());
  });

  router.delete('/faults', (_req, res) => {
    options.faults.set(noFaults());
    res.json(faultsView());
  });

  router.post('/webhook_subscriptions/:id/rotate-secret', (req, res) => {
    res.json({ secret: webhooks.rotateSecret(req.params.id) });
  });

  router.post('/webhook_subscriptions/:id/finish-rotation', (req, res) => {
    webhooks.finishRotation(req.params.id);
    res.status(204).end();
  });

  router.get('/deliveries', (_req, res) => res.json(webhooks.deliveries));

  router.use(
    (error: Error, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof z.ZodError) {
        res.status(400).json({
          error: error.issues
            .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
            .join('; '),
        });
      } else if (error instanceof UnknownObjectError) {
        res.status(404).json({ error: error.message });
      } else if (error instanceof InvalidTransitionError) {
        res.status(409).json({ error: error.message });
      } else if (/^No webhook subscription/.test(error.message)) {
        res.status(404).json({ error: error.message });
      } else {
        res.status(500).json({ error: String(error) });
      }
    },
  );

  return router;
}
