/**
 * Extension points of the status backend plugin: alert sources for monitoring
 * tools, and helpers to write them.
 *
 * @packageDocumentation
 */

export type {
  AlertSource,
  AlertSourceContext,
  AlertSourceMatcher,
  AlertSourceRequest,
} from './AlertSource';
export { hasHmacSignature, hasSharedSecret, secretsEqual } from './auth';
export { statusAlertSourcesExtensionPoint } from './extensions';
export type { StatusAlertSourcesExtensionPoint } from './extensions';
