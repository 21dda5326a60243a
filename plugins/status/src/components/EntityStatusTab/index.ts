export { EntityStatusTab } from './EntityStatusTab';
