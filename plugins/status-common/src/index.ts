/**
 * Annotations, API types and the health model shared by the status frontend and
 * backend plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './configuration';
export * from './types';
export * from './api';
export * from './summary';
export * from './alerts';
export * from './freshness';
export * from './health';
export * from './coverage/dependencies';
export * from './catalogLevels';
export * from './changes';
export * from './history';
export * from './incidents';
export * from './subscriptions';
export * from './coverage';
export * from './mappings';
export * from './response';
export * from './reports';
export * from './objectives';
export * from './permissions';
export * from './rules';
