import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { statusApiRef } from '../../api';
import { AlertList, usePolling } from '../common';

/**
 * Firing alerts that match no entity, with the labels they carried, so SREs
 * can see what to annotate.
 */
export function UnmatchedAlerts() {
  const statusApi = useApi(statusApiRef);
  const { value, error } = usePolling(
    () => statusApi.getUnmatchedAlerts(),
    [statusApi],
  );
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        These alerts fire but name no entity in the catalog. Give them a{' '}
        <code>service</code> or <code>backstage_entity</code> label, or annotate
        the entity they belong to (<code>prometheus.io/alert-selector</code>,{' '}
        <code>datadoghq.com/tags</code>, <code>newrelic.com/entity-guid</code>,{' '}
        <code>azure.com/resource-id</code>,{' '}
        <code>statuscake.com/test-name</code>
        ).
      </Typography>
      <AlertList
        alerts={value.alerts}
        emptyText="Every firing alert belongs to an entity."
        showLabels
      />
    </>
  );
}
