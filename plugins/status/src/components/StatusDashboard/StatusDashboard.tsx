import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import { PagerDutyMode } from '@internal/plugin-status-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { statusApiRef } from '../../api';
import { SimulatedDataBanner } from '../StatusMessages';

const PAGERDUTY_MODE_LABELS: Record<PagerDutyMode, string> = {
  live: 'connected (API token configured)',
  simulated: 'built-in simulator (demo data)',
  unconfigured: 'not connected (no API token configured)',
};

/**
 * The company-wide status page at `/status`.
 *
 * @internal
 */
export function StatusDashboard() {
  const statusApi = useApi(statusApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => statusApi.getHealth(),
    [statusApi],
  );

  return (
    <Content>
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel
          error={error}
          title="The status backend is not reachable"
        />
      )}
      {value && (
        <Grid container spacing={3}>
          {value.pagerDutyMode === 'simulated' && (
            <Grid item xs={12}>
              <SimulatedDataBanner mode={value.pagerDutyMode} />
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <InfoCard title="Status backend">
              <StructuredMetadataTable
                options={{ titleFormat: key => key }}
                metadata={{
                  Backend:
                    value.status === 'ok' ? (
                      <StatusOK>ready</StatusOK>
                    ) : (
                      <StatusError>degraded</StatusError>
                    ),
                  Database:
                    value.database === 'ok' ? (
                      <StatusOK>ok</StatusOK>
                    ) : (
                      <StatusError>unavailable</StatusError>
                    ),
                  PagerDuty: PAGERDUTY_MODE_LABELS[value.pagerDutyMode],
                  'Checked at': new Date(value.checkedAt).toLocaleString(),
                }}
              />
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Content>
  );
}
