export { ObjectiveCard, ObjectiveView } from './ObjectiveCard';
export { RollupObjectivesCard } from './RollupObjectivesCard';
