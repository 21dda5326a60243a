import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { statusApiRef } from '../../api';
import { Polled, useLiveStatus, usePolling } from '../common';
import { StatusFeedIncident } from '@internal/plugin-status-common';
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
  const { value, error } = props.polled;
  if (value) return <IncidentsFeed incidents={value.incidents} />;
  if (error) return <ResponseErrorPanel error={error} />;
  return <Progress />;
}

/** The reader's teams and everything they depend on, transitively. */
function useMyTeams(
  enabled: boolean,
  live: { intervalMs: number; changes: number },
) {
  const identityApi = useApi(identityApiRef);
  const statusApi = useApi(statusApiRef);
  const { value: ownership } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.filter(ref => !ref.startsWith('user:'));
  }, [identityApi]);
  const polled = usePolling(
    async () =>
      enabled && ownership?.length
        ? statusApi.getSummary({ owner: ownership, withUpstreams: true })
        : undefined,
    [statusApi, enabled, ownership?.join(',')],
    live.intervalMs,
    live.changes,
  );
  return { teams: ownership, ...polled };
}

/**
 * The company-wide status page at `/status`: what is broken and why, who is on
 * it, and the state of everything, refreshed every 15 seconds without losing
 * the reader's filters or scroll position.
 *
 * @internal
 */
export function StatusDashboard() {
  const statusApi = useApi(statusApiRef);
  const [state, setState] = useDashboardState();
  const live = useLiveStatus();
  const summary = usePolling(
    () => statusApi.getSummary(),
    [statusApi],
    live.intervalMs,
    live.changes,
  );
  const incidents = usePolling(
    () => statusApi.getIncidents(),
    [statusApi],
    live.intervalMs,
    live.changes,
  );
  const mine = useMyTeams(state.mine, live);

  const source = state.mine ? mine.value : summary.value;
  const filtered = useMemo(
    () => (source ? filterEntities(source.entities, state) : []),
    [source, state],
  );

  if (summary.loading) return <Progress />;
  if (!summary.value) {
    return (
      <Content>
        <ResponseErrorPanel
          error={
            summary.error ?? new Error('No answer from the status backend')
          }
          title="Could not load the company's status"
        />
        <Button variant="outlined" color="primary" onClick={summary.retry}>
          Retry
        </Button>
      </Content>
    );
  }
  return (
    <Content>
      <ContentHeader title="Company status" />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <SimulatedDataNotice />
        </Grid>
        {summary.error && (
          <Grid item xs={12}>
            <ResponseErrorPanel
              error={summary.error}
              title="Could not refresh; showing the last answer"
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <SummaryBar summary={summary.value} />
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
          {state.tab === 'broken' && <BrokenNow summary={summary.value} />}
          {state.tab === 'everything' && (
            <>
              <Filters
                state={state}
                entities={source?.entities ?? []}
                onChange={setState}
              />
              {state.mine && mine.teams && mine.teams.length === 0 && (
                <Typography variant="body2" paragraph>
                  You belong to no group in the catalog, so there is no team to
                  show.
                </Typography>
              )}
              {state.mine && mine.loading ? (
                <Progress />
              ) : (
                <>
                  <Typography variant="body2" paragraph role="status">
                    {filtered.length} of {source?.entities.length ?? 0} entities
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
          {state.tab === 'incidents' && <IncidentsTab polled={incidents} />}
          {state.tab === 'map' && <OutageMap summary={summary.value} />}
          {state.tab === 'unmatched' && <UnmatchedAlerts />}
        </Grid>
      </Grid>
    </Content>
  );
}
