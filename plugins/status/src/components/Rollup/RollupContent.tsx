import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { statusApiRef } from '../../api';
import {
  LevelLabel,
  StatusEntityLink,
  useLiveStatus,
  usePolling,
  useStatusTabLink,
} from '../common';
import { SimulatedDataNotice } from '../StatusMessages';
import { RollupView } from './RollupView';

function useRollup() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const statusApi = useApi(statusApiRef);
  const live = useLiveStatus();
  return {
    entityRef,
    ...usePolling(
      () => statusApi.getRollup(entityRef),
      [statusApi, entityRef],
      live.intervalMs,
      live.changes,
    ),
  };
}

/**
 * The Status tab of a System, Domain or Group: its members worst first and
 * the broken upstreams that impact them. Refreshes every 15 seconds.
 *
 * @internal
 */
export function RollupContent() {
  const { value, loading, error, retry } = useRollup();
  if (loading) return <Progress />;
  if (!value) {
    return (
      <>
        <ResponseErrorPanel
          error={error ?? new Error('No answer from the status backend')}
          title="Could not load the status"
        />
        <Button variant="outlined" color="primary" onClick={retry}>
          Retry
        </Button>
      </>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SimulatedDataNotice />
      </Grid>
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel
            error={error}
            title="Could not refresh the status; showing the last answer"
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <RollupView rollup={value} />
      </Grid>
    </Grid>
  );
}

/**
 * The overview card of a System, Domain or Group: its level and the members
 * that are not operational.
 *
 * @internal
 */
export function RollupCard() {
  const { entityRef, value, loading, error } = useRollup();
  const statusTab = useStatusTabLink();
  const link = statusTab(entityRef);
  const broken = value?.members.filter(
    m => m.levels.effective !== 'operational',
  );
  return (
    <InfoCard
      title="Status"
      deepLink={link ? { title: 'Open the Status tab', link } : undefined}
    >
      {loading && <Progress />}
      {!loading && !value && error && (
        <ResponseErrorPanel error={error} title="Could not load the status" />
      )}
      {value && broken && (
        <>
          <LevelLabel level={value.level} variant="h5" />
          <Typography variant="body2" paragraph>
            {broken.length === 0
              ? `All ${value.members.length} operational`
              : `${broken.length} of ${value.members.length} not operational`}
          </Typography>
          {broken.length > 0 && (
            <ul aria-label="Not operational">
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
              Broken upstream:{' '}
              <StatusEntityLink
                entityRef={value.upstreamProblems[0].entityRef}
              />{' '}
              impacts {value.upstreamProblems[0].impacts.length}
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
}
