import { PagerDutyBudgetError } from './errors';

/** Query parameters in PagerDuty's style: arrays become `name[]=a&name[]=b`. */
export type PagerDutyQuery = Record<string, string | string[]>;

/**
 * Counts the requests of one sync across every endpoint, retries included,
 * and refuses the one past its maximum. When the rest is read is the sync's
 * to say (it knows its order), not the counter's.
 *
 * @public
 */
export class RequestCounter {
  private taken = 0;
  private refusals = 0;

  constructor(readonly max: number) {}

  /** Counts one request; throws {@link PagerDutyBudgetError} once the maximum is reached. */
  take(): void {
    if (this.taken >= this.max) {
      this.refusals += 1;
      throw new PagerDutyBudgetError(
        `the sync's budget of ${this.max} PagerDuty requests was spent before this was read`,
      );
    }
    this.taken += 1;
  }

  get used(): number {
    return this.taken;
  }

  /** Requests refused for want of budget, so a caller can tell a part the budget cut short. */
  get refused(): number {
    return this.refusals;
  }
}

/**
 * What bounds one call: the sync's shared request budget, and its abort
 * signal (the sync's timeout), which also cuts short any wait for a retry or
 * a rate-limit reset.
 *
 * @public
 */
export type PagerDutyRequestOptions = {
  budget?: RequestCounter;
  signal?: AbortSignal;
  /**
   * The `From` header of a write that acts as a person (creating an
   * incident, adding a note): the e-mail address of a user of the account.
   */
  from?: string;
};

/**
 * What bounds a list: besides the request options, at most `maxPages` pages
 * (100 by default: the 10,000 results offset pagination reaches), how to
 * tell rows apart (`id` by default) to drop duplicates across pages, and
 * whether a list too long may be cut short (`onTruncated`).
 *
 * @public
 */
export type PagerDutyListOptions = PagerDutyRequestOptions & {
  maxPages?: number;
  keyOf?: (row: any) => string;
  /**
   * For lists whose first pages are the ones that matter (newest first):
   * called with what was read when more remain than the pages allowed, and
   * the list returns that instead of throwing.
   */
  onTruncated?: (read: number) => void;
};

/**
 * The PagerDuty REST API as the status backend uses it: reads, and the few
 * writes it makes (its webhook subscription); every request bounded in time,
 * retried on transient failures, and within a request budget.
 *
 * @public
 */
export interface PagerDutyClient {
  /** One object, e.g. `get('/services/PABC123', {}, 'service')`. */
  get<T>(
    path: string,
    query: PagerDutyQuery,
    key: string,
    options?: PagerDutyRequestOptions,
  ): Promise<T>;
  /**
   * Every page of a list, e.g. `list('/incidents', { 'statuses[]': [...] }, 'incidents')`,
   * without duplicates; stops at an empty or repeated page. Throws
   * `PagerDutyTooManyResultsError` when more remain than it can page through.
   */
  list<T>(
    path: string,
    query: PagerDutyQuery,
    key: string,
    options?: PagerDutyListOptions,
  ): Promise<T[]>;
  /**
   * Creates or acts on an object, e.g. `post('/webhook_subscriptions', {...}, 'webhook_subscription')`,
   * or queries with a body; without `key`, the whole answer (a cursor page).
   */
  post<T>(
    path: string,
    data: unknown,
    key?: string,
    options?: PagerDutyRequestOptions,
  ): Promise<T>;
  /** Replaces fields of an object, e.g. a webhook subscription's events. */
  put<T>(
    path: string,
    data: unknown,
    key: string,
    options?: PagerDutyRequestOptions,
  ): Promise<T>;
  /** Requests sent since the client was created, retries included. */
  readonly requestsSent: number;
  /**
   * The scopes its credentials hold (a Scoped OAuth app's token), or
   * undefined when they are not scoped (a REST API key).
   */
  grantedScopes?(
    options?: PagerDutyRequestOptions,
  ): Promise<ReadonlySet<string> | undefined>;
}
