export { RollupCard, RollupContent } from './RollupContent';
export { RollupView } from './RollupView';
