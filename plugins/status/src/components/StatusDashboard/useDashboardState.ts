import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  HealthLevel,
  STATUS_GROUPINGS,
  StatusGrouping,
  StatusSummaryQuery,
} from '@status-layer/plugin-status-common';

/** The tabs of the dashboard. */
export type DashboardTab =
  | 'broken'
  | 'everything'
  | 'incidents'
  | 'map'
  | 'unmatched'
  | 'response'
  | 'coverage'
  | 'following';
/** How the "everything" list is grouped. */
export type Grouping = StatusGrouping;

/** What the reader chose to see; all of it lives in the URL, so a view can be shared. */
export type DashboardState = {
  tab: DashboardTab;
  grouping: Grouping;
  kind: string[];
  level: string[];
  owner: string[];
  system: string[];
  domain: string[];
  text: string;
  /** The reader's teams' entities and everything they depend on. */
  mine: boolean;
};

const LISTS = ['kind', 'level', 'owner', 'system', 'domain'] as const;
const TABS: DashboardTab[] = [
  'broken',
  'everything',
  'incidents',
  'map',
  'unmatched',
  'response',
  'coverage',
  'following',
];

/** Reads the dashboard's state from a query string. */
export function readDashboardState(params: URLSearchParams): DashboardState {
  const list = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
  const tab = params.get('tab') as DashboardTab;
  const grouping = params.get('group') as Grouping;
  return {
    tab: TABS.includes(tab) ? tab : 'broken',
    grouping: STATUS_GROUPINGS.includes(grouping) ? grouping : 'domain',
    kind: list('kind'),
    level: list('level'),
    owner: list('owner'),
    system: list('system'),
    domain: list('domain'),
    text: params.get('q') ?? '',
    mine: params.get('mine') === 'true',
  };
}

/**
 * The filters of the state as a summary query: the backend filters, groups
 * and pages. `teams` scopes it to what they own and depend on.
 */
export function toSummaryQuery(
  state: DashboardState,
  teams?: string[],
): StatusSummaryQuery {
  return {
    kind: state.kind,
    level: state.level as HealthLevel[],
    owner: state.owner,
    system: state.system,
    domain: state.domain,
    text: state.text,
    ...(teams ? { within: teams } : {}),
  };
}

/** Writes the dashboard's state as a query string, leaving defaults out. */
export function writeDashboardState(state: DashboardState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.tab !== 'broken') params.set('tab', state.tab);
  if (state.grouping !== 'domain') params.set('group', state.grouping);
  for (const key of LISTS)
    if (state[key].length) params.set(key, state[key].join(','));
  if (state.text) params.set('q', state.text);
  if (state.mine) params.set('mine', 'true');
  return params;
}

/** The dashboard's state in the URL, and a setter that replaces the history entry. */
export function useDashboardState(): [
  DashboardState,
  (change: Partial<DashboardState>) => void,
] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readDashboardState(params), [params]);
  const update = useCallback(
    (change: Partial<DashboardState>) =>
      setParams(writeDashboardState({ ...state, ...change }), {
        replace: true,
      }),
    [state, setParams],
  );
  return [state, update];
}
