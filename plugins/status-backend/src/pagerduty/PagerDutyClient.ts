/** Query parameters in PagerDuty's style: arrays become `name[]=a&name[]=b`. */
export type PagerDutyQuery = Record<string, string | string[]>;

/**
 * The PagerDuty REST API as the status backend uses it: reads, and the one
 * write it makes (its webhook subscription); every request bounded in time,
 * retried on transient failures, and within a request budget.
 *
 * @public
 */
export interface PagerDutyClient {
  /** One object, e.g. `get('/services/PABC123', {}, 'service')`. */
  get<T>(path: string, query: PagerDutyQuery, key: string): Promise<T>;
  /** Every page of a list, e.g. `list('/incidents', { 'statuses[]': [...] }, 'incidents')`. */
  list<T>(path: string, query: PagerDutyQuery, key: string): Promise<T[]>;
  /** Creates an object, e.g. `post('/webhook_subscriptions', {...}, 'webhook_subscription')`. */
  post<T>(path: string, data: unknown, key: string): Promise<T>;
  /** Requests sent since the client was created, retries included. */
  readonly requestsSent: number;
}
