import { NormalisedAlert } from '@status-layer/plugin-status-common';

/**
 * A webhook request as an alert source sees it: the body already parsed (JSON
 * or form-encoded, as the source declares) and the raw bytes for signatures.
 *
 * @public
 */
export type AlertSourceRequest = {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody: Buffer;
};

/**
 * What a source turns a request into: alerts, and the time it was received.
 *
 * @public
 */
export type AlertSourceContext = {
  /** The shared secret configured for this source under `status.alerts.sources.<id>.secret`. */
  secret: string;
  receivedAt: Date;
};

/**
 * A monitoring tool that sends alerts to `/api/status/webhooks/<id>`.
 *
 * @public
 */
export interface AlertSource {
  /** The URL segment and the config key, e.g. `alertmanager`. */
  readonly id: string;
  /** The tool's name for people, e.g. "Prometheus Alertmanager". */
  readonly title: string;
  /** How the body arrives; JSON unless the tool posts forms. */
  readonly bodyType?: 'json' | 'form';
  /**
   * Where the tool's credential travels. `request` (headers, query or a
   * signature over the raw bytes): the receiver authenticates before it
   * parses the body, which `authenticate` then sees as `undefined`. `body`
   * (e.g. StatusCake's form field `Token`): the body is parsed first. Sources
   * that leave it out are treated as `body`.
   */
  readonly credentialsIn?: 'request' | 'body';
  /**
   * How often, in minutes, the tool sends an alert again while it keeps
   * firing (Alertmanager's `repeat_interval`), for tools that do. A firing
   * alert not sent again for twice that may have ended and is shown as stale;
   * after six times that it expires. Tools that send only on a change leave
   * it out: their firing alerts neither go stale nor expire.
   */
  readonly resendIntervalMinutes?: number;
  /**
   * Whether the request comes from the tool: a shared secret, a token or a
   * signature, compared in constant time. Return false to refuse with 401.
   */
  authenticate(
    request: AlertSourceRequest,
    context: AlertSourceContext,
  ): boolean;
  /**
   * The alerts in the request. Throw `InputError` from `@backstage/errors`
   * when the body is not what the tool sends: the receiver answers 400 and
   * stores nothing.
   */
  parse(
    request: AlertSourceRequest,
    context: AlertSourceContext,
  ): NormalisedAlert[];
}
