export { ObjectiveCard, ObjectiveView } from './ObjectiveCard';
export { RollupObjectivesCard } from './RollupObjectivesCard';
export { BudgetBadge, useBudgetDetails } from './BudgetBadge';
