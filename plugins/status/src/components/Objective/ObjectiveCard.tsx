import {
  HIDDEN_ENTITY_REF,
  StatusBurnRate,
  StatusObjectiveReport,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  LoadedCard,
  StatusEntityLink,
  useObjective,
  useObjectiveWords,
  useReaderLocale,
  useTimeWords,
} from '../common';

const useStyles = makeStyles(theme => ({
  track: {
    height: 10,
    borderRadius: 5,
    margin: theme.spacing(1, 0),
    background: theme.palette.action.selected,
    overflow: 'hidden',
  },
  fill: { height: '100%' },
  healthy: { background: theme.palette.primary.main },
  low: { background: theme.palette.error.main },
  list: { margin: theme.spacing(0.5, 0, 2), paddingLeft: theme.spacing(2.5) },
  // error.main is below 4.5:1 on the paper in the light theme
  warning: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
  },
}));

/** A number as the reader writes it, with at most `digits` decimals. */
export function useNumber() {
  const locale = useReaderLocale();
  return (value: number, digits = 1) =>
    value.toLocaleString(locale, { maximumFractionDigits: digits });
}

/** A burn rate's line: the rate, and how much of it is the entity's own. */
function BurnLine(props: {
  rate: StatusBurnRate;
  which: 'burnHour' | 'burnDay';
}) {
  const t = useObjectiveWords();
  const number = useNumber();
  return (
    <li>
      {t(props.which, {
        rate: number(props.rate.rate),
        own: number(props.rate.own),
        inherited: number(props.rate.inherited),
      })}
    </li>
  );
}

/** The objective, its budget and who spent it, once loaded. */
export function ObjectiveView(props: { report: StatusObjectiveReport }) {
  const classes = useStyles();
  const t = useObjectiveWords();
  const time = useTimeWords();
  const number = useNumber();
  const { report } = props;
  const { objective, window } = report;
  if (!objective)
    return (
      <Typography variant="body2">
        {report.problem ? t('problem', { problem: report.problem }) : t('none')}
      </Typography>
    );
  const heading = (
    <>
      <Typography variant="subtitle1">
        {t('objective', {
          target: number(objective.target * 100, 4),
          days: objective.windowDays,
        })}{' '}
        <Typography component="span" variant="caption" color="textSecondary">
          (
          {t(
            objective.source === 'annotation' ? 'fromAnnotation' : 'fromConfig',
          )}
          )
        </Typography>
      </Typography>
      {objective.degradedCounts && (
        <Typography variant="body2">{t('degradedCounts')}</Typography>
      )}
    </>
  );
  if (!window || window.knownMs <= 0 || window.budgetLeft === undefined)
    return (
      <>
        {heading}
        <Typography variant="body2">{t('nothingKnown')}</Typography>
      </>
    );
  const spent = window.ownMs + window.inheritedMs;
  const share = (ms: number) => number((ms / window.budgetMs) * 100, 0);
  const left = window.budgetLeft;
  const { hour, day } = report.burnRates ?? {};
  const budgetText =
    left >= 0
      ? t('budgetLeft', {
          percent: number(left * 100, 0),
          left: time.duration(window.budgetMs - spent),
          budget: time.duration(window.budgetMs),
        })
      : t('budgetSpent', {
          percent: number((1 - left) * 100, 0),
          spent: time.duration(spent),
          budget: time.duration(window.budgetMs),
        });
  return (
    <>
      {heading}
      {window.attainment !== undefined && (
        <Typography variant="body2">
          {t('attainment', {
            percent: number(window.attainment * 100, 3),
            known: time.duration(window.knownMs),
          })}
        </Typography>
      )}
      {/* a meter, not a progress bar: nothing is loading */}
      <div
        className={classes.track}
        role="meter"
        aria-label={t('budgetLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.max(0, Math.min(100, left * 100)))}
        aria-valuetext={budgetText}
      >
        <div
          className={`${classes.fill} ${
            left > 0.25 ? classes.healthy : classes.low
          }`}
          style={{ width: `${Math.max(0, Math.min(100, left * 100))}%` }}
        />
      </div>
      <Typography variant="body2" paragraph>
        {budgetText}
      </Typography>
      <Typography variant="overline" component="h3">
        {t('spentBy')}
      </Typography>
      {spent > 0 ? (
        <ul className={classes.list} aria-label={t('spentBy')}>
          {window.ownMs > 0 && (
            <li>
              {t('spentOwn', {
                duration: time.duration(window.ownMs),
                percent: share(window.ownMs),
              })}
            </li>
          )}
          {window.upstreams.map(u => (
            <li key={u.ref}>
              {u.ref === HIDDEN_ENTITY_REF ? (
                t('hiddenUpstream')
              ) : (
                <StatusEntityLink entityRef={u.ref} />
              )}
              {': '}
              {t('spentUpstream', {
                duration: time.duration(u.ms),
                percent: share(u.ms),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" paragraph>
          {t('nothingSpent')}
        </Typography>
      )}
      {(hour || day) && (
        <>
          <Typography variant="overline" component="h3">
            {t('burnTitle')}
          </Typography>
          <ul className={classes.list} aria-label={t('burnTitle')}>
            {hour && <BurnLine rate={hour} which="burnHour" />}
            {day && <BurnLine rate={day} which="burnDay" />}
          </ul>
          <Typography variant="caption" color="textSecondary" component="p">
            {t('burnExplained')}
          </Typography>
        </>
      )}
      {report.exhaustsAt && (
        <Typography variant="body2" className={classes.warning} role="status">
          {t('exhausts', { time: time.dateTime(report.exhaustsAt) })}
        </Typography>
      )}
      {window.maintenanceMs > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t(
            window.maintenance === 'counted'
              ? 'maintenanceCounted'
              : 'maintenance',
            { duration: time.duration(window.maintenanceMs) },
          )}
        </Typography>
      )}
    </>
  );
}

/** An entity's objective and error budget, read again when its levels change (`version`). */
export function ObjectiveCard(props: { entityRef: string; version?: string }) {
  const t = useObjectiveWords();
  const polled = useObjective(props.entityRef, props.version);
  return (
    <LoadedCard title={t('title')} polled={polled} what={t('what')}>
      {report => <ObjectiveView report={report} />}
    </LoadedCard>
  );
}
