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
 * How an entity says which of a tool's alerts are its own: one annotation,
 * and how its value is compared with the alerts.
 *
 * - `keys`: the annotation lists keys (by default comma-separated), and an
 *   alert is the entity's when one of the keys its source put in
 *   `targets.keys` is among them (New Relic entity GUIDs, Azure resource IDs,
 *   an Events API routing key).
 * - `labels`: the annotation reads as `[label, value]` pairs, and an alert is
 *   the entity's when its labels hold every pair (a Prometheus selector,
 *   Datadog tags; a pair with the value `''` is a tag without a value).
 *
 * @public
 */
export type AlertSourceMatcher = {
  /** The entity annotation, e.g. `newrelic.com/entity-guid`. */
  readonly annotation: string;
  /**
   * The tool's name for the field an alert's keys come from, named when a
   * request has too many or too long ones, e.g. `alertTargetIDs`.
   */
  readonly keysField?: string;
  /**
   * The annotation line that would tie an unmatched alert to an entity, e.g.
   * `newrelic.com/entity-guid: MXxBUE18...`, or undefined when the alert
   * gives nothing to write. By default, for `keys`, the annotation with the
   * alert's first key.
   */
  suggest?(alert: NormalisedAlert): string | undefined;
  /**
   * What is wrong with a value of the annotation, each a sentence the team
   * that wrote it can act on (e.g. an item that is no `label=value` pair);
   * shown among the entity's configuration problems. None when it is fine.
   */
  check?(value: string): string[];
} & (
  | {
      readonly by: 'keys';
      /** The keys an annotation value names; by default its comma-separated items, trimmed. */
      readKeys?(value: string): string[];
      /**
       * The one way of writing a key, applied to the entity's keys and the
       * alert's alike, e.g. lower-cased for case-insensitive IDs.
       */
      normaliseKey?(key: string): string;
    }
  | {
      readonly by: 'labels';
      /** The `[label, value]` pairs an annotation value names. */
      readLabels(value: string): [string, string][];
    }
);

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
   * The entity annotation that names the tool's alerts, and how it is
   * compared with them. Tools without one are matched by the rules every
   * alert shares (an entity ref in the webhook URL, labels, names).
   */
  readonly matcher?: AlertSourceMatcher;
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
