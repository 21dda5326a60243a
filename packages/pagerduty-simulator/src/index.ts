/**
 * A PagerDuty simulator for the demo, tests and benchmarks.
 *
 * @packageDocumentation
 */

export { startPagerDutySimulator } from './startPagerDutySimulator';
export type {
  PagerDutySimulator,
  PagerDutySimulatorOptions,
} from './startPagerDutySimulator';
export {
  readCatalogEntities,
  readCatalogEntityRefs,
  readCatalogSeed,
} from './seed/readCatalog';
export type { CatalogSeed, RawEntity } from './seed/readCatalog';
export { signatureHeader } from './webhooks/signature';
export { pagerDutyRequestHeaders } from './rest/requestHeaders';
export { SCENARIOS } from './control/scenarios';
export type { EndpointFault, Faults } from './rest/guards';
export type { RefusedRequest } from './openapi/enforceContract';
export { WEBHOOK_EVENT_TYPES } from './rest/restRouter';
export {
  alertmanagerGroup,
  azureAlert,
  azureMetricAlert,
  datadogDefault,
  datadogWebhook,
  eventsV2,
  grafanaLegacyAlert,
  grafanaNotification,
  newRelicIssue,
  newRelicLegacyIncident,
  SAMPLE_ALERT_SOURCES,
  sendSampleAlert,
  statusCakeForm,
} from './alerts/samples';
export type { SampleAlertSource } from './alerts/samples';
export { Random } from './random';
export { OAuthApps } from './oauth/OAuthApps';
export type {
  SimulatedOAuthApp,
  SimulatedOAuthOptions,
  TokenAnswer,
} from './oauth/OAuthApps';
export { addIncidentNote, publishStatusUpdate } from './incidentUpdates';
export type {
  StatusPage,
  StatusPageDefinition,
  StatusPagePost,
  StatusPagePostUpdate,
} from './statusPages';
export { TeamsWorkflows } from './teams/TeamsWorkflows';
export type {
  PostedTeamsCard,
  TeamsWorkflowFault,
} from './teams/TeamsWorkflows';
export {
  adaptiveCardProblems,
  teamsMessageProblems,
} from './teams/validateTeamsMessage';
