import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityStatus } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  AlertList,
  IncidentList,
  Loaded,
  OnCall,
  OwnerContacts,
  useEntityStatus,
  StatusLayerRoot,
} from '../common';
import {
  AnnotationSnippet,
  ConfigurationProblems,
  SimulatedDataNotice,
} from '../StatusMessages';
import { RecentChangesCard } from '../Changes';
import { SimilarIncidentsCard } from '../SimilarIncidents';
import { HistoryCard } from '../History';
import { MaintenanceCard } from '../Maintenance';
import { ResponseCard } from '../Response';
import { PublicLinksCard } from '../Share';
import { Dependencies } from './Dependencies';
import { RootCauses } from './RootCauses';
import { StatusHeader } from './StatusHeader';

/** The entity's own signals: PagerDuty incidents and monitoring alerts. */
function OwnSignals(props: { status: EntityStatus }) {
  const { status } = props;
  return (
    <InfoCard title="This entity's own signals">
      <Typography variant="overline" component="div">
        PagerDuty incidents
      </Typography>
      <IncidentList
        incidents={status.incidents}
        emptyText={
          status.incidents.length === 0 && !status.monitored
            ? 'Not connected to PagerDuty'
            : 'No active incidents'
        }
      />
      <Typography variant="overline" component="div" style={{ marginTop: 16 }}>
        Monitoring alerts
      </Typography>
      <AlertList alerts={status.alerts} />
    </InfoCard>
  );
}

function OwnerAndOnCall(props: { status: EntityStatus }) {
  return (
    <InfoCard title="Owner and on-call">
      <Typography variant="overline" component="div">
        Owner
      </Typography>
      <OwnerContacts owner={props.status.owner} />
      <Typography variant="overline" component="div" style={{ marginTop: 16 }}>
        On call now
      </Typography>
      <OnCall policies={props.status.escalationPolicies} />
    </InfoCard>
  );
}

/** The view of an entity's status once it is loaded. */
export function EntityStatusView(props: {
  status: EntityStatus;
  entityName: string;
  pollError?: Error;
  onRetry?: () => void;
}) {
  const { status, entityName, pollError, onRetry } = props;
  const entityRef = parseEntityRef(status.entityRef);
  const notAnnotated =
    !status.monitored &&
    !status.problems.some(p => p.annotation.startsWith('pagerduty.com/'));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SimulatedDataNotice />
      </Grid>
      {pollError && (
        <Grid item xs={12}>
          <ResponseErrorPanel
            error={pollError}
            title="Could not refresh the status; showing the last answer"
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <StatusHeader status={status} />
      </Grid>
      {status.problems.length > 0 && (
        <Grid item xs={12}>
          <ConfigurationProblems problems={status.problems} />
        </Grid>
      )}
      {status.rootCauses.length > 0 && (
        <Grid item xs={12}>
          <Typography variant="h5" component="h2" gutterBottom>
            Why: upstream root cause{status.rootCauses.length > 1 ? 's' : ''}
          </Typography>
          <RootCauses causes={status.rootCauses} />
        </Grid>
      )}
      {status.maintenance && status.maintenance.length > 0 && (
        <Grid item xs={12}>
          <MaintenanceCard windows={status.maintenance} />
        </Grid>
      )}
      <Grid item xs={12} md={7}>
        <OwnSignals status={status} />
      </Grid>
      <Grid item xs={12} md={5}>
        <OwnerAndOnCall status={status} />
      </Grid>
      {status.incidents.length > 0 && (
        <Grid item xs={12}>
          <SimilarIncidentsCard
            entityRef={status.entityRef}
            version={status.incidents.map(i => i.id).join(',')}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <RecentChangesCard
          entityRef={status.entityRef}
          version={`${status.levels.own}/${status.levels.effective}`}
        />
      </Grid>
      {notAnnotated && (
        <Grid item xs={12}>
          <EmptyState
            missing="field"
            title="Not monitored"
            description={`${entityName} has no signal source of its own, so it only shows the impact of its dependencies. Connect it to its PagerDuty service by adding this annotation to its catalog-info.yaml:`}
            action={<AnnotationSnippet entityName={entityName} />}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <Dependencies status={status} entityRef={entityRef} />
      </Grid>
      <Grid item xs={12}>
        <HistoryCard
          entityRef={status.entityRef}
          version={`${status.levels.own}/${status.levels.effective}`}
        />
      </Grid>
      {status.monitored && (
        <Grid item xs={12}>
          <ResponseCard
            entityRef={status.entityRef}
            version={status.incidents.map(i => i.status).join()}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <PublicLinksCard entityRef={status.entityRef} title={entityName} />
      </Grid>
      {onRetry && pollError && (
        <Grid item xs={12}>
          <Button variant="outlined" onClick={onRetry}>
            Retry now
          </Button>
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The Status tab of an entity page: is it healthy, is it us or an upstream,
 * and whom to contact. Reads again when the backend pushes a change of this
 * entity (or of what impacts it), and polls as a safety net.
 */
export function EntityStatusTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const status = useEntityStatus(entityRef);
  return (
    <StatusLayerRoot name="entity-status">
      <Loaded
        polled={status}
        what="the status of this entity"
        staleNotice={false}
      >
        {value => (
          <EntityStatusView
            status={value}
            entityName={entity.metadata.name}
            pollError={status.error}
            onRetry={status.retry}
          />
        )}
      </Loaded>
    </StatusLayerRoot>
  );
}
