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
 * limiting) after every retry, or the sync's time ran out first.
 *
 * @public
 */
export class PagerDutyUnavailableError extends CustomErrorBase {
  name = 'PagerDutyUnavailableError' as const;
  constructor(message: string, readonly attempts: number, cause?: Error) {
    super(message, cause);
  }
}

/**
 * A list has more results than offset pagination can reach (PagerDuty stops at
 * offset + limit = 10,000), or than the caller's page cap allows: the query
 * must be narrowed.
 *
 * @public
 */
export class PagerDutyTooManyResultsError extends CustomErrorBase {
  name = 'PagerDutyTooManyResultsError' as const;
  constructor(message: string, readonly received: number) {
    super(message);
  }
}

/**
 * The request budget of one sync is spent: what it left out comes first at a later sync (see `partOrder.ts`).
 *
 * @public
 */
export class PagerDutyBudgetError extends CustomErrorBase {
  name = 'PagerDutyBudgetError' as const;
}
