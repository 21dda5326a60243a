export { statusApiRef } from './StatusApi';
export type { StatusApi } from './StatusApi';
export { StatusClient } from './StatusClient';
