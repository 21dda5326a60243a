import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MAX_REPORT_DESCRIPTION_LENGTH,
  statusIncidentCreatePermission,
  StatusReportResult,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { z } from 'zod';
import { StatusEngine } from '../engine/StatusEngine';
import { RequestRateLimit } from '../alerts/RequestRateLimit';
import { parseQuery } from './parseQuery';
import { StatusRouteContext, toFullEntityRef } from './visibleEntity';
import {
  describeReportTarget,
  ReportChannels,
  Reporter,
  sendReport,
} from './problemReports';
import { ReportRules } from './readReportRules';
import { callerOwnership } from './callerOwnership';

/** What the report routes need besides the read routes' context. */
export type ReportRouteOptions = StatusRouteContext & {
  permissions: PermissionsService;
  auditor: AuditorService;
  rules: ReportRules;
  channels: ReportChannels;
  /** Told of a new incident once stored; resolves once this replica's pages show it. */
  onIncidentStored?: (entityRefs: string[]) => Promise<void>;
  /** What a reader owns through, when the app provides it. */
  userInfo?: UserInfoService;
  now?: () => Date;
};

/** A reporter past `maxPerUserPerHour`, answered 429 with `Retry-After`. */
class ReportsRateLimited extends Error {
  name = 'TooManyRequestsError';
  constructor(readonly retryAfterSeconds: number) {
    super('too many reports in the last hour');
  }
}

const entityRef = z.string().min(1).max(255);

const targetQuery = z.object({ target: entityRef, affected: entityRef });

const reportBody = z.object({
  target: entityRef,
  affected: entityRef,
  description: z
    .string()
    .trim()
    .min(1, 'say what you see')
    .max(MAX_REPORT_DESCRIPTION_LENGTH),
  urgency: z.enum(['high', 'low']).optional(),
  incident: z
    .object({
      account: z.string().min(1).max(64),
      id: z.string().min(1).max(64),
    })
    .optional(),
});

/**
 * `GET /reports/target?target=&affected=`: where a report of `target`, by
 * the owner of `affected`, would go and whether someone is already on it;
 * `POST /reports`: sends it (a note on the open incident, or a new incident),
 * as the signed-in user.
 *
 * @remarks
 * Both entities must be readable by the caller (else 404, as for one that
 * does not exist). Sending needs `status.incident.create`, reporting on
 * (`status.reports.enabled`), and stays within `maxPerUserPerHour` (429
 * with `Retry-After`; only reports that reach PagerDuty count). Every report
 * is audited, refused or not.
 *
 * @internal
 */
export function addReportRoutes(
  router: express.Router,
  options: ReportRouteOptions,
) {
  const { httpAuth, access, permissions, rules } = options;
  const now = () => options.now?.() ?? new Date();
  const perUser = new RequestRateLimit(
    () => rules.maxPerUserPerHour,
    () => now().getTime(),
    3_600_000,
  );

  const permitted = async (credentials: BackstageCredentials) => {
    const [decision] = await permissions.authorize(
      [{ permission: statusIncidentCreatePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  };

  router.get('/reports/target', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const view = await access.of(credentials);
    const query = parseQuery(targetQuery, req.query);
    const engine = options.requireEngine();
    res.json(
      describeReportTarget({
        engine,
        view,
        target: toFullEntityRef(query.target),
        affected: toFullEntityRef(query.affected),
        rules,
        permitted: rules.enabled && (await permitted(credentials)),
        owners: await callerOwnership(credentials, engine, options.userInfo),
      }),
    );
  });

  router.post('/reports', async (req, res) => {
    const audit = await options.auditor.createEvent({
      eventId: 'problem-report',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      if (!rules.enabled)
        throw new NotAllowedError(
          'Reporting problems is turned off in this portal (status.reports.enabled)',
        );
      if (!(await permitted(credentials)))
        throw new NotAllowedError(
          'Reporting a problem needs the status.incident.create permission',
        );
      const body = parseQuery(reportBody, req.body);
      const engine: StatusEngine = options.requireEngine();
      const view = await access.of(credentials);
      const request = {
        ...body,
        target: toFullEntityRef(body.target),
        affected: toFullEntityRef(body.affected),
      };
      const urgency = body.urgency ?? rules.urgencies[0];
      if (!rules.urgencies.includes(urgency))
        throw new NotAllowedError(
          `This portal opens incidents at ${rules.urgencies.join(
            ' or ',
          )} urgency only`,
        );
      const user = (credentials.principal as BackstageUserPrincipal)
        .userEntityRef;
      const result: StatusReportResult = await sendReport({
        engine,
        store: options.store,
        view,
        channels: options.channels,
        request,
        urgency,
        reporter: reporterOf(engine, user),
        now: now(),
        onIncidentStored: options.onIncidentStored,
        admit: () => {
          const retryAfter = perUser.take(user);
          if (retryAfter > 0) throw new ReportsRateLimited(retryAfter);
        },
      });
      await audit.success({
        meta: {
          target: request.target,
          affected: request.affected,
          outcome: result.kind,
          ...(result.kind === 'event'
            ? { dedupKey: result.dedupKey }
            : {
                account: result.incident.account,
                incidentId: result.incident.id,
              }),
          ...(result.kind === 'note' ? {} : { urgency }),
        },
      });
      res.status(result.kind === 'note' ? 200 : 201).json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      if (!(error instanceof ReportsRateLimited)) throw error;
      res
        .status(429)
        .set('Retry-After', String(error.retryAfterSeconds))
        .json({
          error: {
            name: error.name,
            message: `You have sent ${
              rules.maxPerUserPerHour
            } reports in the last hour; try again in ${Math.ceil(
              error.retryAfterSeconds / 60,
            )} min, or contact the owner directly`,
          },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 429 },
        });
    }
  });
}

/** The reporter's name and address from their catalog User entity. */
function reporterOf(engine: StatusEngine, userEntityRef: string): Reporter {
  const user = engine.entity(userEntityRef);
  return {
    userEntityRef,
    name: user?.contact?.displayName ?? user?.name ?? userEntityRef,
    email: user?.contact?.email,
  };
}
