import { CustomErrorBase } from '@backstage/errors';

/**
 * PagerDuty refused a request (4xx other than 429): retrying the same request
 * cannot help.
 *
 * @public
 */
export class PagerDutyRequestError extends CustomErrorBase {
  name = 'PagerDutyRequestError' as const;
  constructor(
    message: string,
    readonly status: number,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/**
 * PagerDuty did not answer usefully (5xx, timeouts, network errors, or rate
 * limiting) after every retry.
 *
 * @public
 */
export class PagerDutyUnavailableError extends CustomErrorBase {
  name = 'PagerDutyUnavailableError' as const;
  constructor(message: string, readonly attempts: number, cause?: Error) {
    super(message, cause);
  }
}
