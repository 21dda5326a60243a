/**
 * The status backend plugin.
 *
 * @packageDocumentation
 */

export { statusPlugin as default } from './plugin';
export type { StatusStore } from './database';
export { readPagerDutyConnection } from './pagerDutyConnection';
export type { PagerDutyConnection } from './pagerDutyConnection';
export { readDemoMode } from './demoMode';
export type { DemoMode } from './demoMode';
export type { PagerDutyAccountConnection } from './pagerDutyConnection';
export type { PagerDutyOAuthApp } from './pagerduty/auth/ClientCredentialsAuthorization';
export { PAGERDUTY_OAUTH_SCOPES } from './pagerduty/auth/scopes';
