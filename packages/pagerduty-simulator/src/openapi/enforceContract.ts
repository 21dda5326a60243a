import { NextFunction, Request, Response } from 'express';
import { ErrorCodes, PagerDutyApiError, sendError } from '../rest/errors';
import { MatchedOperation, PagerDutyOpenApi } from './PagerDutyOpenApi';

/** A request the contract refused. */
export type RefusedRequest = {
  method: string;
  path: string;
  problems: string[];
};

const hasBody = (req: Request) =>
  Number(req.header('content-length') ?? 0) > 0 ||
  req.header('transfer-encoding') !== undefined;

/**
 * The `Accept` header is PagerDuty's versioning header, and the document marks
 * it required: it must ask for `application/vnd.pagerduty+json;version=2`
 * (a missing header, `*\/*` or another version is refused).
 */
function acceptProblems(req: Request): string[] {
  const accept = req.header('accept') ?? '';
  const version = /application\/vnd\.pagerduty\+json;\s*version=(\d+)/.exec(
    accept,
  )?.[1];
  if (version === '2') return [];
  return [
    version
      ? `API version ${version} is not supported; use version=2`
      : `the Accept header must be application/vnd.pagerduty+json;version=2, not ${
          accept || 'missing'
        }`,
  ];
}

const operationOf = (res: Response): MatchedOperation | undefined =>
  res.locals.operation;

/**
 * Holds the simulator to PagerDuty's published contract, in two steps.
 *
 * `checkResponses` goes first: every JSON answer (errors, 401 and 429
 * included) is validated against the document before it leaves, and an answer
 * that does not conform is replaced by a 500 naming what is wrong, so a test
 * meets the simulator's bug instead of a client passing against a lie.
 *
 * `checkRequests` refuses, with PagerDuty's 400 error body, any request the
 * document does not allow: unknown paths and methods, missing `Accept` or
 * `Content-Type` headers (the document marks both required, even on GET),
 * unknown or ill-typed query parameters, a parameter given twice that is
 * not an array, and request bodies that do not validate.
 */
export function enforceContract(options: {
  contract: PagerDutyOpenApi;
  log: (message: string) => void;
  /** Told of every request the contract refused, with why. */
  onRefused?: (refusal: RefusedRequest) => void;
  /** Told of every operation a request reached (e.g. `GET /incidents/{id}`). */
  onOperation?: (operation: string) => void;
}) {
  const { contract, log } = options;

  const checkResponses = (req: Request, res: Response, next: NextFunction) => {
    res.locals.operation = contract.match(req.method, req.path);
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const operation = operationOf(res);
      if (!operation) return json(body);
      const problems = contract.responseErrors(
        operation.template,
        operation.method,
        res.statusCode,
        body,
      );
      if (problems.length === 0) return json(body);
      log(
        `simulator answer to ${req.method} ${req.originalUrl} (${
          res.statusCode
        }) breaks the contract: ${problems.join('; ')}`,
      );
      res.status(500);
      return json({
        error: {
          message: `The simulator's answer breaks PagerDuty's contract for ${operation.method.toUpperCase()} ${
            operation.template
          }`,
          code: ErrorCodes.internal,
          errors: problems.slice(0, 20),
        },
      });
    };
    next();
  };

  const checkRequests = (req: Request, res: Response, next: NextFunction) => {
    const operation = operationOf(res);
    if (!operation) {
      sendError(
        res,
        contract.hasPath(req.path)
          ? new PagerDutyApiError(405, ErrorCodes.invalidInput, 'Not Allowed', [
              `${req.method} is not allowed on ${req.path}`,
            ])
          : PagerDutyApiError.notFound(`${req.method} ${req.path}`),
      );
      return;
    }
    options.onOperation?.(
      `${operation.method.toUpperCase()} ${operation.template}`,
    );
    const queryString = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    const problems = [
      ...acceptProblems(req),
      ...contract.requestProblems(operation, {
        query: new URLSearchParams(queryString),
        header: name => req.header(name),
        body: hasBody(req) ? req.body : undefined,
      }),
    ];
    if (problems.length) {
      options.onRefused?.({
        method: req.method,
        path: req.originalUrl,
        problems,
      });
      sendError(res, PagerDutyApiError.invalidInput(...problems));
      return;
    }
    next();
  };

  return { checkResponses, checkRequests };
}
