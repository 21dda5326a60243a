import express, { Request, Response, Router } from 'express';
import {
  PAGERDUTY_OPENAPI_DOCUMENTS,
  PagerDutyOpenApi,
} from '../openapi/PagerDutyOpenApi';
import { RefusedRequest } from '../openapi/enforceContract';
import { AccountState } from '../state';
import { SlidingMinute } from '../rest/guards';

/** PagerDuty's documented limits of the Events API v2. */
export const EVENTS_V2_LIMITS = {
  /** Events per minute per integration (routing key); more get 429. */
  perMinutePerRoutingKey: 120,
  /** `payload.summary` is cut by PagerDuty at 1,024 characters; refused here. */
  summaryLength: 1_024,
  /** `dedup_key`: at most 255 characters. */
  dedupKeyLength: 255,
  /** A whole event: at most 512 KB. */
  eventBytes: 512 * 1024,
} as const;

let shared: PagerDutyOpenApi | undefined;
const contract = () =>
  (shared ??= new PagerDutyOpenApi(PAGERDUTY_OPENAPI_DOCUMENTS.eventsV2));

const invalid = (res: Response, ...errors: string[]) =>
  res.status(400).json({
    status: 'invalid event',
    message: 'Event object is invalid',
    errors,
  });

/**
 * PagerDuty's Events API v2 (`POST /v2/enqueue`, served by the simulator
 * beside its REST API, as `events.pagerduty.com` is beside
 * `api.pagerduty.com`): an event whose `routing_key` is a service's
 * integration key triggers, acknowledges or resolves the incident of its
 * `dedup_key`; a trigger whose key is already open is deduplicated into it.
 * Every request and answer is held to the vendored Events API document, and
 * PagerDuty's documented limits apply ({@link EVENTS_V2_LIMITS}). Severity
 * sets urgency as on a service using severity-based urgency: `critical` and
 * `error` page at high urgency, `warning` and `info` at low.
 */
export function createEventsV2Router(options: {
  state: AccountState;
  now: () => Date;
  onRefused: (refusal: RefusedRequest) => void;
  /** Told of every operation a request reached, e.g. `POST /enqueue (events)`. */
  onOperation?: (operation: string) => void;
}): Router {
  const { state } = options;
  const router = Router();
  // events accepted per routing key in the last minute
  const perKey = new SlidingMinute();
  const throttled = (routingKey: string) =>
    !perKey.take(
      routingKey,
      EVENTS_V2_LIMITS.perMinutePerRoutingKey,
      options.now().getTime(),
    ).admitted;

  router.use(
    // the answer is checked against the document before it leaves
    (req: Request, res: Response, next) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const operation = contract().match(req.method, req.path);
        const problems = operation
          ? contract().responseErrors(
              operation.template,
              operation.method,
              res.statusCode,
              body,
            )
          : [];
        if (!problems.length) return json(body);
        res.status(500);
        return json({
          status: 'simulator error',
          message: `The simulator's answer breaks the Events API contract: ${problems.join(
            '; ',
          )}`,
        });
      };
      next();
    },
    express.json({ limit: EVENTS_V2_LIMITS.eventBytes, type: () => true }),
  );

  router.post('/enqueue', (req, res) => {
    const operation = contract().match('POST', req.path)!;
    options.onOperation?.('POST /enqueue (events)');
    const problems = contract().requestProblems(operation, {
      query: new URLSearchParams(),
      header: name => req.header(name),
      body: req.body,
    });
    const event = req.body ?? {};
    const payload = event.payload ?? {};
    if (event.event_action === 'trigger' && !event.payload)
      problems.push('payload is required for a trigger');
    if (event.event_action !== 'trigger' && !event.dedup_key)
      problems.push(`dedup_key is required to ${event.event_action}`);
    if (String(payload.summary ?? '').length > EVENTS_V2_LIMITS.summaryLength)
      problems.push(
        `payload.summary is longer than ${EVENTS_V2_LIMITS.summaryLength} characters`,
      );
    if (String(event.dedup_key ?? '').length > EVENTS_V2_LIMITS.dedupKeyLength)
      problems.push(
        `dedup_key is longer than ${EVENTS_V2_LIMITS.dedupKeyLength} characters`,
      );
    const service = [...state.services.values()].find(
      s => s.integrationKey === event.routing_key,
    );
    if (!problems.length && !service) problems.push('Invalid routing key');
    if (problems.length) {
      options.onRefused({ method: 'POST', path: '/v2/enqueue', problems });
      invalid(res, ...problems);
      return;
    }
    if (throttled(event.routing_key)) {
      res.status(429).json({
        status: 'throttle event',
        message: 'Requests for this service are arriving too quickly',
      });
      return;
    }
    const open = [...state.incidents.values()].find(
      i =>
        i.serviceId === service!.id &&
        i.status !== 'resolved' &&
        i.incidentKey === event.dedup_key,
    );
    let dedupKey: string = event.dedup_key ?? '';
    if (event.event_action === 'trigger' && !open) {
      const incident = state.trigger({
        service: service!.id,
        title: payload.summary,
        urgency: ['critical', 'error'].includes(payload.severity)
          ? 'high'
          : 'low',
        incidentKey: event.dedup_key,
        details: payload.custom_details
          ? JSON.stringify(payload.custom_details)
          : undefined,
      });
      dedupKey = incident.incidentKey;
    } else if (event.event_action === 'acknowledge' && open) {
      if (open.status === 'triggered') state.acknowledge(open.id);
    } else if (event.event_action === 'resolve' && open) {
      state.resolve(open.id);
    }
    res.status(202).json({
      status: 'success',
      message: 'Event processed',
      dedup_key: dedupKey,
    });
  });

  return router;
}
