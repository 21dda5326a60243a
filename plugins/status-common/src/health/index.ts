export * from './levels';
export * from './rules';
export * from './monitoring';
export * from './HealthGraph';
export * from './rollup';
export * from './dependencyEdges';
export * from './pagerDutyDependencies';
