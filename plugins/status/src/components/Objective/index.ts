export { ObjectiveCard, ObjectiveView } from './ObjectiveCard';
