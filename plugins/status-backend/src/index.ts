/**
 * The status backend plugin.
 *
 * @packageDocumentation
 */

export { statusPlugin as default } from './plugin';
export type { StatusStore } from './database';
export { readPagerDutyConnection } from './wiring/pagerDutyConnection';
export type { PagerDutyConnection } from './wiring/pagerDutyConnection';
export { readDemoMode } from './wiring/demoMode';
export type { DemoMode } from './wiring/demoMode';
export type { PagerDutyAccountConnection } from './wiring/pagerDutyConnection';
export type { PagerDutyOAuthApp } from './pagerduty/auth/ClientCredentialsAuthorization';
export { PAGERDUTY_OAUTH_SCOPES } from './pagerduty/auth/scopes';
