/**
 * Delivers Backstage notifications to Microsoft Teams channels through
 * Teams workflow webhooks, as Adaptive Cards.
 *
 * @packageDocumentation
 */
export { notificationsModuleMsTeams as default } from './module';
export { TEAMS_WEBHOOK_ANNOTATION } from './routing/destinations';
