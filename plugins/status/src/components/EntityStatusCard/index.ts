export { EntityStatusCard } from './EntityStatusCard';
