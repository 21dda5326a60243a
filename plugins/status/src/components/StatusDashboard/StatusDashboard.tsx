import { Content, ContentHeader, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  Loaded,
  Polled,
  useDashboardWords,
  useIncidents,
  useMyTeamsSummary,
  useSummary,
  StatusLayerRoot,
} from '../common';
import {
  StatusFeedIncident,
  StatusSummaryFacets,
} from '@status-layer/plugin-status-common';
import { SimulatedDataNotice } from '../StatusMessages';
import { MaintenanceOverview } from '../Maintenance';
import { TeamResponse } from '../Response';
import { FollowingCard } from '../Follow';
import { CoverageTab, useCoverageWords } from '../Coverage';
import { PastMajorIncidentsCard } from '../IncidentTimeline';
import { BrokenNow } from './BrokenNow';
import { EverythingList } from './EverythingList';
import { Filters } from './Filters';
import { IncidentsFeed } from './IncidentsFeed';
import { OutageMap } from './OutageMap';
import { SummaryBar } from './SummaryBar';
import { UnmatchedAlerts } from './UnmatchedAlerts';
import { DASHBOARD_MESSAGES } from '../../translations/dashboard';
import {
  DashboardTab,
  toSummaryQuery,
  useDashboardState,
} from './useDashboardState';

type DashboardWord = keyof typeof DASHBOARD_MESSAGES;

const TABS: { value: DashboardTab; word?: DashboardWord }[] = [
  { value: 'broken', word: 'tabBroken' },
  { value: 'everything', word: 'tabEverything' },
  { value: 'incidents', word: 'tabIncidents' },
  { value: 'map', word: 'tabMap' },
  { value: 'response', word: 'tabResponse' },
  { value: 'unmatched', word: 'tabUnmatched' },
  // named by the coverage tab's own words
  { value: 'coverage' },
  { value: 'following', word: 'tabFollowing' },
];

function IncidentsTab(props: {
  polled: Polled<{ incidents: StatusFeedIncident[] }>;
}) {
  const t = useDashboardWords();
  return (
    <>
      <Loaded polled={props.polled} what={t('whatIncidents')}>
        {value => <IncidentsFeed incidents={value.incidents} />}
      </Loaded>
      <PastMajorIncidentsCard />
    </>
  );
}

const NO_ENTITIES = { limit: 0 };
const NO_FACETS: StatusSummaryFacets = {
  kind: [],
  owner: [],
  system: [],
  domain: [],
};

/** The reader's teams and everything they depend on, transitively. */
function useMyTeams(enabled: boolean) {
  // counts and the filters' values only: the list pages its own rows
  const { teams, summary } = useMyTeamsSummary(enabled, NO_ENTITIES);
  return { teams: teams.value, ...summary };
}

/**
 * The company-wide status page at `/status`: what is broken and why, who is on
 * it, and the state of everything, read again on every pushed change (and
 * polled as a safety net) without losing the reader's filters or scroll
 * position. The backend counts, filters, groups and pages; the page holds
 * only what is on screen.
 */
export function StatusDashboard() {
  const [state, setState] = useDashboardState();
  const summary = useSummary(undefined, NO_ENTITIES);
  const incidents = useIncidents();
  const mine = useMyTeams(state.mine);
  const scope = state.mine ? mine.value : summary.value;
  const coverageWords = useCoverageWords();
  const t = useDashboardWords();
  const tabLabel = (tab: (typeof TABS)[number]) =>
    tab.word ? t(tab.word) : coverageWords('tab');

  const everything = () => {
    if (state.mine && (mine.loading || !mine.teams)) return <Progress />;
    if (state.mine && mine.teams!.length === 0)
      return (
        <Typography variant="body2" paragraph>
          {t('noTeams')}
        </Typography>
      );
    return (
      <EverythingList
        query={toSummaryQuery(state, state.mine ? mine.teams : undefined)}
        grouping={state.grouping}
        outOf={scope?.total ?? 0}
        scopeNote={
          state.mine
            ? t('yourTeamsNote', { teams: mine.teams!.join(', ') })
            : undefined
        }
      />
    );
  };

  return (
    <Content>
      <StatusLayerRoot name="dashboard">
        <Loaded polled={summary} what={t('whatCompanyStatus')}>
          {value => (
            <>
              <ContentHeader title={t('title')} />
              <Grid container spacing={3}>
                <Grid item xs={12}>
                  <SimulatedDataNotice withStatusPages />
                </Grid>
                <Grid item xs={12}>
                  <SummaryBar summary={value} />
                </Grid>
                <Grid item xs={12}>
                  <Tabs
                    value={state.tab}
                    onChange={(_, tab) => setState({ tab })}
                    indicatorColor="primary"
                    aria-label={t('tabsLabel')}
                  >
                    {TABS.map(tab => (
                      <Tab
                        key={tab.value}
                        value={tab.value}
                        label={tabLabel(tab)}
                      />
                    ))}
                  </Tabs>
                </Grid>
                <Grid item xs={12}>
                  {state.tab === 'broken' && (
                    <>
                      <BrokenNow summary={value} />
                      <MaintenanceOverview />
                    </>
                  )}
                  {state.tab === 'everything' && (
                    <>
                      <Filters
                        state={state}
                        facets={scope?.facets ?? NO_FACETS}
                        onChange={setState}
                      />
                      {everything()}
                    </>
                  )}
                  {state.tab === 'incidents' && (
                    <IncidentsTab polled={incidents} />
                  )}
                  {state.tab === 'map' && <OutageMap />}
                  {state.tab === 'response' && <TeamResponse />}
                  {state.tab === 'unmatched' && <UnmatchedAlerts />}
                  {state.tab === 'coverage' && <CoverageTab />}
                  {state.tab === 'following' && <FollowingCard />}
                </Grid>
              </Grid>
            </>
          )}
        </Loaded>
      </StatusLayerRoot>
    </Content>
  );
}
