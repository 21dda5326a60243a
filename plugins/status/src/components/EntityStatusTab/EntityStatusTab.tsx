import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { statusApiRef } from '../../api';
import {
  AnnotationSnippet,
  ConfigurationProblems,
  SimulatedDataNotice,
} from '../StatusMessages';

/**
 * The Status tab of an entity page.
 *
 * @internal
 */
export function EntityStatusTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const statusApi = useApi(statusApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => statusApi.getEntityConfiguration(entityRef),
    [statusApi, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the status of this entity"
      />
    );
  }
  if (!value) {
    return null;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SimulatedDataNotice />
      </Grid>
      {value.problems.length > 0 && (
        <Grid item xs={12}>
          <ConfigurationProblems problems={value.problems} />
        </Grid>
      )}
      {value.monitored ? (
        <Grid item xs={12} md={6}>
          <InfoCard title="Signal sources">
            <StructuredMetadataTable
              options={{ titleFormat: key => key }}
              metadata={{
                Entity: value.entityRef,
                'PagerDuty service':
                  value.pagerDutyServiceIds.join(', ') ||
                  'integration key only',
                'Critical dependencies':
                  value.criticalDependencies.length > 0 ? (
                    <EntityRefLinks entityRefs={value.criticalDependencies} />
                  ) : (
                    'none'
                  ),
              }}
            />
          </InfoCard>
        </Grid>
      ) : (
        <Grid item xs={12}>
          <EmptyState
            missing="field"
            title="Not monitored"
            description={`${entity.metadata.name} has no signal source of its own, so it only shows the impact of its dependencies. Connect it to its PagerDuty service by adding this annotation to its catalog-info.yaml:`}
            action={<AnnotationSnippet entityName={entity.metadata.name} />}
          />
        </Grid>
      )}
    </Grid>
  );
}
