import { Request, Response } from 'express';
import { endpointFault, Faults } from './guards';
import { arrayParam, paginate, stringParam } from './params';

/** The `include[]` of a request. */
export const includeOf = (req: Request) =>
  new Set(arrayParam(req.query, 'include'));

/**
 * A function that answers one page of `items`, each shaped only once it is on
 * the page, under the endpoint's faults at the time of the request.
 */
export function pageLister(faults: () => Faults) {
  return <T>(
    req: Request,
    res: Response,
    key: string,
    items: T[],
    shape: (item: T) => unknown = item => item,
  ) => {
    const { page, pagination } = paginate(
      req.query,
      items,
      endpointFault(faults(), res),
    );
    res.json({ [key]: page.map(shape), ...pagination });
  };
}

/** Filters by `team_ids[]` and the `query` name prefix, sorted by name, as PagerDuty lists services and policies. */
export function byTeamAndName<T extends { teamId: string; name: string }>(
  req: Request,
  items: Iterable<T>,
): T[] {
  const teamIds = arrayParam(req.query, 'team_ids');
  const query = stringParam(req.query, 'query')?.toLowerCase();
  return [...items]
    .filter(item => !teamIds.length || teamIds.includes(item.teamId))
    .filter(item => !query || item.name.toLowerCase().includes(query))
    .sort((a, b) => a.name.localeCompare(b.name));
}
