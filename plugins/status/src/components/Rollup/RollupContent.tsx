import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  LevelCounts,
  LevelLabel,
  StatusEntityLink,
  Loaded,
  StatusOverviewCard,
  useDashboardWords,
  usePageEntityRef,
  useRollup,
  StatusLayerRoot,
} from '../common';
import { HistoryCard } from '../History';
import { RollupObjectivesCard } from '../Objective';
import { PastMajorIncidentsCard } from '../IncidentTimeline';
import { ResponseCard } from '../Response';
import { SimulatedDataNotice } from '../StatusMessages';
import { RollupView } from './RollupView';

/**
 * The Status tab of a System, Domain or Group: its members worst first and
 * the broken upstreams that impact them, read again on every pushed change.
 */
export function RollupContent() {
  const entityRef = usePageEntityRef();
  const rollup = useRollup(entityRef);
  const t = useDashboardWords();
  return (
    <StatusLayerRoot name="rollup">
      <Loaded polled={rollup} what={t('whatStatus')}>
        {value => (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <SimulatedDataNotice />
            </Grid>
            <Grid item xs={12}>
              <RollupView rollup={value} />
            </Grid>
            <Grid item xs={12}>
              <HistoryCard entityRef={entityRef} rollup version={value.level} />
            </Grid>
            <Grid item xs={12}>
              <RollupObjectivesCard
                entityRef={entityRef}
                version={value.level}
              />
            </Grid>
            <Grid item xs={12}>
              <PastMajorIncidentsCard
                entityRef={entityRef}
                version={value.level}
              />
            </Grid>
            <Grid item xs={12}>
              <ResponseCard
                entityRef={entityRef}
                rollup
                version={value.level}
              />
            </Grid>
          </Grid>
        )}
      </Loaded>
    </StatusLayerRoot>
  );
}

/**
 * The overview card of a System, Domain or Group: its level and the members
 * that are not operational.
 */
export function RollupCard() {
  const entityRef = usePageEntityRef();
  const rollup = useRollup(entityRef);
  const t = useDashboardWords();
  return (
    <StatusOverviewCard entityRef={entityRef} polled={rollup}>
      {value => {
        const broken = value.members.filter(
          m => m.levels.effective !== 'operational',
        );
        return (
          <>
            <LevelLabel level={value.displayLevel} variant="h5" />
            <LevelCounts
              counts={value.counts}
              label={t('membersPerLevel')}
              variant="body2"
            />
            {broken.length > 0 && (
              <ul aria-label={t('notOperational')}>
                {broken.slice(0, 5).map(m => (
                  <li key={m.entityRef}>
                    <EntityRefLink entityRef={m.entityRef} title={m.title} />{' '}
                    <LevelLabel level={m.levels.effective} />
                  </li>
                ))}
              </ul>
            )}
            {value.upstreamProblems[0] && (
              <Typography variant="body2">
                {t('brokenUpstreamLabel')}{' '}
                <StatusEntityLink
                  entityRef={value.upstreamProblems[0].entityRef}
                />{' '}
                {t('impactsCount', {
                  count: value.upstreamProblems[0].impacts.length,
                })}
              </Typography>
            )}
          </>
        );
      }}
    </StatusOverviewCard>
  );
}
