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
  Section,
  StatusLayerRoot,
  useEntityStatus,
  useLevelWords,
  useStatusTabWords,
  useObjectiveWords,
  useTimelineWords,
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
import {
  BlastRadius,
  blastRadiusSummary,
  Upstreams,
  upstreamSummary,
} from './Dependencies';
import { AnswerCard } from './AnswerCard';
import { PastMajorIncidentsCard } from '../IncidentTimeline';
import { ObjectiveCard } from '../Objective';
import { RootCauses } from './RootCauses';

/** The entity's own signals: PagerDuty incidents and monitoring alerts. */
function OwnSignals(props: { status: EntityStatus }) {
  const { status } = props;
  const t = useStatusTabWords();
  return (
    <InfoCard title={t('ownSignalsCard')}>
      <Typography variant="overline" component="div">
        {t('pagerDutyIncidents')}
      </Typography>
      <IncidentList
        incidents={status.incidents}
        emptyText={
          status.incidents.length === 0 && !status.monitored
            ? t('notConnected')
            : undefined
        }
      />
      <Typography variant="overline" component="div" style={{ marginTop: 16 }}>
        {t('monitoringAlerts')}
      </Typography>
      <AlertList alerts={status.alerts} />
    </InfoCard>
  );
}

function OwnerAndOnCall(props: { status: EntityStatus }) {
  const t = useStatusTabWords();
  return (
    <InfoCard title={t('ownerAndOnCall')}>
      <Typography variant="overline" component="div">
        {t('owner')}
      </Typography>
      <OwnerContacts owner={props.status.owner} />
      <Typography variant="overline" component="div" style={{ marginTop: 16 }}>
        {t('onCallNow')}
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
  const t = useStatusTabWords();
  const timelineWords = useTimelineWords();
  const objectiveWords = useObjectiveWords();
  const levels = useLevelWords();
  // the incident cards read again when an incident opens, is acknowledged or closes
  const incidentStates = status.incidents.map(i => i.status).join();
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
          <ResponseErrorPanel error={pollError} title={t('refreshFailed')} />
        </Grid>
      )}
      <Grid item xs={12}>
        <AnswerCard status={status} />
      </Grid>
      {status.problems.length > 0 && (
        <Grid item xs={12}>
          <ConfigurationProblems problems={status.problems} />
        </Grid>
      )}
      {notAnnotated && (
        <Grid item xs={12}>
          <EmptyState
            missing="field"
            title={levels.label('not_monitored')}
            description={t('notAnnotated', { name: entityName })}
            action={<AnnotationSnippet entityName={entityName} />}
          />
        </Grid>
      )}
      {/* the rest in a stable order, long parts closed to their summary line */}
      <Grid item xs={12}>
        {status.rootCauses.length > 0 && (
          <Section
            id="root-causes"
            title={t('rootCausesTitle', { count: status.rootCauses.length })}
            summary={t('rootCausesSummary', {
              count: status.rootCauses.length,
            })}
            defaultOpen
          >
            <RootCauses
              causes={status.rootCauses}
              affected={status.entityRef}
            />
          </Section>
        )}
        {status.maintenance && status.maintenance.length > 0 && (
          <Section
            id="maintenance"
            title={t('maintenanceTitle')}
            summary={t('maintenanceSummary', {
              count: status.maintenance.length,
            })}
            defaultOpen
          >
            <MaintenanceCard windows={status.maintenance} />
          </Section>
        )}
        <Section
          id="own-signals"
          title={t('ownSignalsTitle')}
          summary={t('ownSignalsSummary', {
            incidents: t('incidentCount', { count: status.incidents.length }),
            alerts: t('alertCount', { count: status.alerts.length }),
          })}
          defaultOpen={status.incidents.length + status.alerts.length > 0}
        >
          <Grid container spacing={3}>
            <Grid item xs={12} md={7}>
              <OwnSignals status={status} />
            </Grid>
            <Grid item xs={12} md={5}>
              <OwnerAndOnCall status={status} />
            </Grid>
          </Grid>
        </Section>
        <Section
          id="upstreams"
          title={t('upstreamsTitle')}
          summary={upstreamSummary(status, t)}
          defaultOpen={status.levels.inherited !== 'operational'}
        >
          <Upstreams status={status} entityRef={entityRef} />
        </Section>
        <Section
          id="downstream"
          title={t('downstreamTitle')}
          summary={blastRadiusSummary(status, t)}
          defaultOpen={(status.impactedCount ?? status.impacted.length) > 0}
        >
          <BlastRadius status={status} />
        </Section>
        {status.incidents.length > 0 && (
          <Section id="similar" title={t('similarTitle')} defaultOpen>
            <SimilarIncidentsCard
              entityRef={status.entityRef}
              version={status.incidents.map(i => i.id).join(',')}
            />
          </Section>
        )}
        <Section
          id="changes"
          title={t('changesTitle')}
          summary={t('changesSummary')}
          defaultOpen={status.levels.effective !== 'operational'}
        >
          <RecentChangesCard
            entityRef={status.entityRef}
            version={`${status.levels.own}/${status.levels.effective}`}
          />
        </Section>
        <Section
          id="history"
          title={t('historyTitle')}
          summary={t('historySummary')}
        >
          <HistoryCard
            entityRef={status.entityRef}
            version={`${status.levels.own}/${status.levels.effective}`}
          />
        </Section>
        <Section
          id="objective"
          title={objectiveWords('title')}
          summary={objectiveWords('sectionSummary')}
        >
          <ObjectiveCard
            entityRef={status.entityRef}
            version={`${status.levels.own}/${status.levels.effective}`}
          />
        </Section>
        {status.monitored && (
          <>
            <Section
              id="major-incidents"
              title={timelineWords('majorTitle')}
              summary={timelineWords('majorSectionSummary')}
            >
              <PastMajorIncidentsCard
                entityRef={status.entityRef}
                version={incidentStates}
              />
            </Section>
            <Section
              id="response"
              title={t('responseTitle')}
              summary={t('responseSummary')}
            >
              <ResponseCard
                entityRef={status.entityRef}
                version={incidentStates}
              />
            </Section>
          </>
        )}
        <Section
          id="sharing"
          title={t('sharingTitle')}
          summary={t('sharingSummary')}
        >
          <PublicLinksCard entityRef={status.entityRef} title={entityName} />
        </Section>
      </Grid>
      {onRetry && pollError && (
        <Grid item xs={12}>
          <Button variant="outlined" onClick={onRetry}>
            {t('retryNow')}
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
  const t = useStatusTabWords();
  return (
    <StatusLayerRoot name="entity-status">
      <Loaded polled={status} what={t('whatEntityStatus')} staleNotice={false}>
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
