/**
 * The PagerDuty service that pages for this entity, by its PagerDuty ID (for
 * example `PABC123`).
 *
 * @remarks
 * The same annotation as PagerDuty's own Backstage plugin, so an entity that is
 * already set up for that plugin needs no change.
 * See https://pagerduty.github.io/backstage-plugin-docs/
 *
 * @public
 */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';

/**
 * A PagerDuty Events API v2 integration key of the entity's service; read for
 * compatibility with PagerDuty's own plugin, which accepts either annotation.
 *
 * @public
 */
export const PAGERDUTY_INTEGRATION_KEY_ANNOTATION =
  'pagerduty.com/integration-key';

/**
 * Dependencies whose level passes to this entity unchanged, as a comma-separated
 * list of entity refs (for example `component:auth-service, api:payments-v1`).
 *
 * @remarks
 * By default an upstream outage only marks its dependents as degraded. A
 * dependency listed here is one this entity cannot work without, so its outage
 * is this entity's outage too.
 *
 * @public
 */
export const CRITICAL_DEPENDENCIES_ANNOTATION =
  'status.backstage.io/critical-dependencies';

/**
 * Set to `disabled` on a Group (or on the User or entity owning something) to
 * stop the status layer's notifications to it as an owner: its members are no
 * longer told when an upstream outage reaches what it owns. Followers are
 * still told; each user can also mute the "Upstream outages" topic in their
 * notification settings.
 *
 * @public
 */
export const NOTIFICATIONS_ANNOTATION = 'status.backstage.io/notifications';

/**
 * The Slack channel where a Group (or an entity) can be reached, for example
 * `#payments-oncall`. Shown next to the owner of a failing service.
 *
 * @public
 */
export const SLACK_CHANNEL_ANNOTATION = 'slack.com/channel';

/**
 * The PagerDuty account of the entity's services, by the name it has under
 * `status.pagerDuty.accounts` in app-config (for example `eu`). Without it the
 * default account (`status.pagerDuty.apiToken`) is meant.
 *
 * @public
 */
export const PAGERDUTY_ACCOUNT_ANNOTATION = 'pagerduty.com/account';

/**
 * The name of the PagerDuty account configured by `status.pagerDuty.apiToken`,
 * and the one an entity without `pagerduty.com/account` belongs to.
 *
 * @public
 */
export const DEFAULT_PAGERDUTY_ACCOUNT = 'default';

/**
 * Prometheus label matchers that select this entity's alerts from Alertmanager
 * and Grafana, all of which must match, e.g. `job=checkout, env=prod`.
 *
 * @public
 */
export const PROMETHEUS_ALERT_SELECTOR_ANNOTATION =
  'prometheus.io/alert-selector';

/**
 * Datadog tags that select this entity's monitors, all of which must be on the
 * alert, e.g. `service:checkout, env:prod`.
 *
 * @public
 */
export const DATADOG_TAGS_ANNOTATION = 'datadoghq.com/tags';

/**
 * New Relic entity GUIDs of this entity, comma-separated; an issue whose
 * impacted entities include one of them is this entity's.
 *
 * @public
 */
export const NEW_RELIC_ENTITY_GUID_ANNOTATION = 'newrelic.com/entity-guid';

/**
 * Azure resource IDs of this entity, comma-separated (compared without regard
 * to case, as Azure does).
 *
 * @public
 */
export const AZURE_RESOURCE_ID_ANNOTATION = 'azure.com/resource-id';

/**
 * StatusCake test names of this entity, comma-separated.
 *
 * @public
 */
export const STATUSCAKE_TEST_NAME_ANNOTATION = 'statuscake.com/test-name';

/**
 * The entity's service level objective: the share of time it is up, in
 * percent, optionally with its window in days, e.g. `99.9` (over 30 days) or
 * `99.5/7d`. Downtime is time at a partial or a major outage; config can set
 * defaults by lifecycle and type (`status.objectives.defaults`).
 *
 * @public
 */
export const SLO_ANNOTATION = 'status.backstage.io/slo';
