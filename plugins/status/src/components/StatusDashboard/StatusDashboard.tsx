import { Content, ContentHeader, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import {
  Loaded,
  Polled,
  useIncidents,
  useMyTeamsSummary,
  useSummary,
} from '../common';
import { StatusFeedIncident } from '@status-layer/plugin-status-common';
import { SimulatedDataNotice } from '../StatusMessages';
import { BrokenNow } from './BrokenNow';
import { EverythingList } from './EverythingList';
import { filterEntities } from './filterEntities';
import { Filters } from './Filters';
import { IncidentsFeed } from './IncidentsFeed';
import { OutageMap } from './OutageMap';
import { SummaryBar } from './SummaryBar';
import { UnmatchedAlerts } from './UnmatchedAlerts';
import { DashboardTab, useDashboardState } from './useDashboardState';

const TABS: { value: DashboardTab; label: string }[] = [
  { value: 'broken', label: 'What is broken' },
  { value: 'everything', label: 'Everything' },
  { value: 'incidents', label: 'Active incidents' },
  { value: 'map', label: 'Dependency map' },
  { value: 'unmatched', label: 'Unmatched alerts' },
];

function IncidentsTab(props: {
  polled: Polled<{ incidents: StatusFeedIncident[] }>;
}) {
  return (
    <Loaded polled={props.polled} what="the active incidents">
      {value => <IncidentsFeed incidents={value.incidents} />}
    </Loaded>
  );
}

/** The reader's teams and everything they depend on, transitively. */
function useMyTeams(enabled: boolean) {
  const { teams, summary } = useMyTeamsSummary(enabled);
  return { teams: teams.value, ...summary };
}

/**
 * The company-wide status page at `/status`: what is broken and why, who is on
 * it, and the state of everything, read again on every pushed change (and
 * polled as a safety net) without losing the reader's filters or scroll
 * position.
 */
export function StatusDashboard() {
  const [state, setState] = useDashboardState();
  const summary = useSummary();
  const incidents = useIncidents();
  const mine = useMyTeams(state.mine);

  const source = state.mine ? mine.value : summary.value;
  const filtered = useMemo(
    () => (source ? filterEntities(source.entities, state) : []),
    [source, state],
  );

  return (
    <Content>
      <Loaded polled={summary} what="the company's status">
        {value => (
          <>
            <ContentHeader title="Company status" />
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <SimulatedDataNotice />
              </Grid>
              <Grid item xs={12}>
                <SummaryBar summary={value} />
              </Grid>
              <Grid item xs={12}>
                <Tabs
                  value={state.tab}
                  onChange={(_, tab) => setState({ tab })}
                  indicatorColor="primary"
                  aria-label="Views"
                >
                  {TABS.map(tab => (
                    <Tab key={tab.value} value={tab.value} label={tab.label} />
                  ))}
                </Tabs>
              </Grid>
              <Grid item xs={12}>
                {state.tab === 'broken' && <BrokenNow summary={value} />}
                {state.tab === 'everything' && (
                  <>
                    <Filters
                      state={state}
                      entities={source?.entities ?? []}
                      onChange={setState}
                    />
                    {state.mine && mine.teams && mine.teams.length === 0 && (
                      <Typography variant="body2" paragraph>
                        You belong to no group in the catalog, so there is no
                        team to show.
                      </Typography>
                    )}
                    {state.mine && mine.loading ? (
                      <Progress />
                    ) : (
                      <>
                        <Typography variant="body2" paragraph role="status">
                          {filtered.length} of {source?.entities.length ?? 0}{' '}
                          entities
                          {state.mine && mine.teams?.length
                            ? ` (your teams: ${mine.teams.join(
                                ', ',
                              )}, and what they depend on)`
                            : ''}
                        </Typography>
                        <EverythingList
                          entities={filtered}
                          grouping={state.grouping}
                        />
                      </>
                    )}
                  </>
                )}
                {state.tab === 'incidents' && (
                  <IncidentsTab polled={incidents} />
                )}
                {state.tab === 'map' && <OutageMap summary={value} />}
                {state.tab === 'unmatched' && <UnmatchedAlerts />}
              </Grid>
            </Grid>
          </>
        )}
      </Loaded>
    </Content>
  );
}
