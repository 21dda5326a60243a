export * from './api';
export * from './objectives';
export * from './budgetSummary';
