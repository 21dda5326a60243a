import { Response } from 'express';

/**
 * PagerDuty's error codes for the answers the simulator gives
 * (https://developer.pagerduty.com/docs/rest-api-v2/errors/).
 */
export const ErrorCodes = {
  invalidInput: 2001,
  unauthorized: 2006,
  accessDenied: 2010,
  notFound: 2100,
  rateLimited: 2020,
  internal: 2000,
} as const;

/** Raised by a route for an answer in PagerDuty's error shape. */
export class PagerDutyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }

  static invalidInput(...details: string[]) {
    return new PagerDutyApiError(
      400,
      ErrorCodes.invalidInput,
      'Invalid Input Provided',
      details,
    );
  }

  static notFound(what: string) {
    return new PagerDutyApiError(404, ErrorCodes.notFound, 'Not Found', [
      `${what} not found`,
    ]);
  }
}

/** Writes `{ error: { message, code, errors } }`, PagerDuty's error body. */
export function sendError(res: Response, error: PagerDutyApiError) {
  res.status(error.status).json({
    error: {
      message: error.message,
      code: error.code,
      ...(error.details.length ? { errors: error.details } : {}),
    },
  });
}
