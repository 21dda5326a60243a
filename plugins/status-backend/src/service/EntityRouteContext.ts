import { StatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';

/**
 * What a route about one entity gives the function that answers it: the
 * entity, what the caller may see, the engine and store, the request's query
 * and the time of the request.
 */
export type EntityRouteContext = {
  entityRef: string;
  view: CallerView;
  engine: StatusEngine;
  store: StatusStore;
  query: unknown;
  now: Date;
};
