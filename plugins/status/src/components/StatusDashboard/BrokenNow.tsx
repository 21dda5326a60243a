import { EmptyState } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  currentOnCall,
  StatusProblem,
  StatusSummary,
  StatusSummaryQuery,
} from '@status-layer/plugin-status-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  AlertList,
  IncidentList,
  LevelLabel,
  useLevelWords,
  OnCall,
  OwnerContacts,
  StatusEntityLink,
  useDashboardWords,
  useMoreProblems,
  useNow,
  useSummary,
  useTimeWords,
} from '../common';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
  },
  impacted: {
    columns: '3 16rem',
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

/** An entity's name as the catalog shows it, as text (a link would nest in the row's button). */
const nameOf = (ref: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'component' });

/**
 * One problem: the entity in an outage of its own, with what it impacts under
 * it, so one upstream failure reads as one row with its blast radius.
 */
function ProblemRow(props: { problem: StatusProblem }) {
  const classes = useStyles();
  const now = useNow();
  const t = useDashboardWords();
  const time = useTimeWords();
  const { problem } = props;
  // a shift that has ended since the last read is nobody's to answer now
  const firstOnCall = currentOnCall(
    problem.escalationPolicies[0]?.onCall ?? [],
    now.getTime(),
  )[0];
  // its own incidents opened while an upstream failed: one problem, not two
  const cause = problem.incidents.find(i => i.symptomOf)?.symptomOf;
  return (
    <Accordion
      data-testid={`problem-${problem.entityRef}`}
      // the details (up to 100 links) are built only when opened
      TransitionProps={{ unmountOnExit: true }}
    >
      {/* a button holds no links: they open with the details */}
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <div className={classes.title}>
          <LevelLabel level={problem.level} variant="subtitle2" />
          <Typography variant="h6" component="span">
            {nameOf(problem.entityRef)}
          </Typography>
          <Typography variant="body1" component="span">
            {t('impactedCount', { count: problem.impactedCount })}
          </Typography>
          {problem.since && (
            <Typography variant="body2" color="textSecondary" component="span">
              {t('openedAgo', { ago: time.ago(problem.since, now) })}
            </Typography>
          )}
          {(problem.incidents[0] ?? problem.alerts[0]) && (
            <Typography variant="body2" component="span">
              “{(problem.incidents[0] ?? problem.alerts[0]).title}”
              {!problem.incidents[0] && ` (${problem.alerts[0].sourceTitle})`}
            </Typography>
          )}
          {firstOnCall && (
            <Typography variant="body2" component="span">
              {t('onCallLabel')} <strong>{firstOnCall.user.name}</strong>
            </Typography>
          )}
          {cause && (
            <Typography
              variant="body2"
              component="span"
              data-testid="probable-cause"
            >
              {t('probableSymptomOf', { name: nameOf(cause.entityRef) })}
            </Typography>
          )}
        </div>
      </AccordionSummary>
      <AccordionDetails>
        <Grid container spacing={2}>
          <Grid item xs={12} className={classes.title}>
            <Typography variant="body2" component="span">
              {t('statusTabLabel')}{' '}
              <StatusEntityLink entityRef={problem.entityRef} />
            </Typography>
            {cause && (
              <Typography variant="body2" component="span">
                {t('probableCauseLabel')}{' '}
                <StatusEntityLink entityRef={cause.entityRef} />
              </Typography>
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="overline" component="div">
              {t('incidentsHeading')}
            </Typography>
            <IncidentList incidents={problem.incidents} />
            {problem.alerts.length > 0 && (
              <>
                <Typography variant="overline" component="div">
                  {t('firingAlertsHeading')}
                </Typography>
                <AlertList alerts={problem.alerts} />
              </>
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="overline" component="div">
              {t('ownerHeading')}
            </Typography>
            <OwnerContacts owner={problem.owner} />
            <Typography variant="overline" component="div">
              {t('onCallNowHeading')}
            </Typography>
            <OnCall policies={problem.escalationPolicies} />
          </Grid>
          <Grid item xs={12}>
            <Typography variant="overline" component="div">
              {t('impactedHeading', { count: problem.impactedCount })}
            </Typography>
            {problem.impactedCount === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('nothingImpacted')}
              </Typography>
            ) : (
              <ul
                className={classes.impacted}
                aria-label={t('impactedBy', { entity: problem.entityRef })}
              >
                {problem.impacted.map(i => (
                  <li key={i.entityRef}>
                    <EntityRefLink entityRef={i.entityRef} />{' '}
                    <LevelLabel level={i.level} />
                  </li>
                ))}
              </ul>
            )}
            {problem.impactedCount > problem.impacted.length && (
              <Typography variant="body2" color="textSecondary">
                {t('andMore', {
                  count: problem.impactedCount - problem.impacted.length,
                })}
              </Typography>
            )}
          </Grid>
        </Grid>
      </AccordionDetails>
    </Accordion>
  );
}

const ELSEWHERE: StatusSummaryQuery = {
  level: ['under_maintenance', 'unknown'],
};
const ELSEWHERE_LISTED = { limit: 10 };
/** Problems read per "show more". */
const PROBLEMS_PAGE = 50;

/** Entities under maintenance or of unknown state: a count and the first names. */
function Elsewhere(props: { count: number }) {
  const polled = useSummary(ELSEWHERE, ELSEWHERE_LISTED);
  const levels = useLevelWords();
  const t = useDashboardWords();
  return (
    <Typography variant="body2" style={{ marginTop: 16 }}>
      {t('elsewhere', { count: props.count })}
      {polled.value?.entities.length ? ' — ' : ''}
      {polled.value?.entities.map((e, index) => (
        <span key={e.entityRef}>
          {index > 0 && ', '}
          <EntityRefLink entityRef={e.entityRef} /> ({levels.label(e.effective)}
          )
        </span>
      ))}
    </Typography>
  );
}

/** What is broken now: each own problem with its blast radius, worst first. */
export function BrokenNow(props: { summary: StatusSummary }) {
  const { summary } = props;
  const { more, shown, loading, error, loadMore } = useMoreProblems(
    summary,
    PROBLEMS_PAGE,
  );
  const t = useDashboardWords();
  const elsewhere = summary.counts.under_maintenance + summary.counts.unknown;
  if (summary.problemsTotal === 0 && elsewhere === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('nothingBroken')}
        description={t('nothingBrokenDescription')}
      />
    );
  }
  return (
    <>
      {[...summary.problems, ...more].map(problem => (
        <ProblemRow key={problem.entityRef} problem={problem} />
      ))}
      {shown < summary.problemsTotal && (
        <Box marginTop={2} display="flex" alignItems="center" gridGap={16}>
          <Button variant="outlined" onClick={loadMore} disabled={loading}>
            {t('showMoreProblems', {
              shown: Math.min(PROBLEMS_PAGE, summary.problemsTotal - shown),
              count: summary.problemsTotal - shown,
            })}
          </Button>
          {error && (
            <Typography variant="body2" color="error">
              {t('moreProblemsFailed', { error: error.message })}
            </Typography>
          )}
        </Box>
      )}
      {elsewhere > 0 && <Elsewhere count={elsewhere} />}
    </>
  );
}
