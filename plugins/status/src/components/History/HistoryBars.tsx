import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  HIDDEN_ENTITY_REF,
  HistoryAvailability,
  HistoryDay,
} from '@status-layer/plugin-status-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  levelColor,
  LevelWords,
  TimeWords,
  useHistoryWords,
  useLevelWords,
  useTimeWords,
} from '../common';

type HistoryWords = ReturnType<typeof useHistoryWords>;

const useStyles = makeStyles(theme => ({
  bars: {
    display: 'flex',
    gap: 2,
    alignItems: 'stretch',
    height: 40,
    margin: theme.spacing(1, 0),
  },
  bar: {
    flex: '1 1 0',
    minWidth: 3,
    padding: 0,
    border: 'none',
    borderRadius: 2,
    display: 'flex',
    flexDirection: 'column',
    gap: 1,
    cursor: 'pointer',
    background: 'transparent',
    outlineOffset: 2,
  },
  selected: { outline: `2px solid ${theme.palette.text.primary}` },
  half: { flex: '1 1 0', borderRadius: 1 },
  scale: {
    display: 'flex',
    justifyContent: 'space-between',
    color: theme.palette.text.secondary,
  },
  availability: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
}));

const upstreamName = (ref: string, words: HistoryWords) =>
  ref === HIDDEN_ENTITY_REF
    ? words('hiddenUpstream')
    : humanizeEntityRef(parseEntityRef(ref));

/** What one day was, in words: the bar's label and tooltip. */
export function describeDay(
  day: HistoryDay,
  levels: LevelWords,
  words: HistoryWords,
  time: TimeWords,
): string {
  const { date } = day;
  if (!day.observedMs) {
    const past = day.backfilled;
    if (!past) return words('dayNotRecorded', { date });
    return past.incidents
      ? words('dayBackfilled', {
          date,
          count: past.incidents,
          duration: time.duration(past.incidentMs),
          level: levels.label(past.worst),
        })
      : words('dayBackfilledNone', { date });
  }
  const parts = [words('dayWorst', { date, level: levels.label(day.worst) })];
  if (day.ownDowntimeMs)
    parts.push(
      words('dayOwnDowntime', { duration: time.duration(day.ownDowntimeMs) }),
    );
  if (day.upstreamDowntimeMs)
    parts.push(
      words('dayUpstreamDowntime', {
        duration: time.duration(day.upstreamDowntimeMs),
        upstreams:
          day.upstreams.map(u => upstreamName(u.ref, words)).join(', ') ||
          words('anUpstream'),
      }),
    );
  if (day.degradedMs)
    parts.push(
      words('dayDegraded', { duration: time.duration(day.degradedMs) }),
    );
  if (day.maintenanceMs)
    parts.push(
      words('dayMaintenance', { duration: time.duration(day.maintenanceMs) }),
    );
  if (!day.ownDowntimeMs && !day.upstreamDowntimeMs)
    parts.push(words('dayNoDowntime'));
  return parts.join('; ');
}

const percent = (words: HistoryWords, share?: number) =>
  share === undefined ? words('noData') : `${(share * 100).toFixed(2)}%`;

const DAY_MS = 24 * 60 * 60_000;

/**
 * Availability over 7, 30 and 90 days, counting what is known: overall over
 * the time recorded (said when it is less than the period), its own signals
 * also over the days before recording that PagerDuty's past incidents cover
 * (said with how many).
 */
export function AvailabilityFigures(props: {
  availability: HistoryAvailability[];
}) {
  const classes = useStyles();
  const t = useHistoryWords();
  const time = useTimeWords();
  return (
    <div className={classes.availability}>
      {props.availability.map(a => {
        const pastDays = Math.round((a.backfilledMs ?? 0) / DAY_MS);
        const own = percent(t, a.own);
        return (
          <div key={a.days} data-testid={`availability-${a.days}`}>
            <Typography variant="overline" component="div">
              {t('days', { count: a.days })}
            </Typography>
            <Typography variant="h6" component="div">
              {percent(t, a.overall)}
            </Typography>
            {a.observedMs > 0 && a.observedMs < a.days * DAY_MS - 60_000 && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {t('overRecorded', { duration: time.duration(a.observedMs) })}
              </Typography>
            )}
            <Typography variant="caption" color="textSecondary" component="div">
              {pastDays > 0
                ? t('ownOnlyWithPast', { percent: own, count: pastDays })
                : t('ownOnly', { percent: own })}
            </Typography>
          </div>
        );
      })}
    </div>
  );
}

/**
 * One bar per day, oldest on the left: the upper half coloured by the worst
 * level of the entity's own signals, the lower half by the worst level it
 * had at all, so a day it was down only because of an upstream shows a
 * healthy top over a red bottom.
 */
export function HistoryBars(props: {
  days: HistoryDay[];
  selected?: string;
  onSelect: (date: string) => void;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const levels = useLevelWords();
  const t = useHistoryWords();
  const time = useTimeWords();
  const noData = theme.palette.action.disabledBackground;
  // before recording began, the past incidents colour the upper half, paler
  const ownHalfStyle = (day: HistoryDay) => {
    if (day.observedMs > 0)
      return { background: levelColor(theme, day.worstOwn) };
    if (day.backfilled)
      return {
        background: levelColor(theme, day.backfilled.worst),
        opacity: 0.6,
      };
    return { background: noData };
  };
  return (
    <>
      <div className={classes.bars} role="group" aria-label={t('dailyHistory')}>
        {props.days.map(day => {
          const label = describeDay(day, levels, t, time);
          const observed = day.observedMs > 0;
          return (
            <Tooltip key={day.date} title={label}>
              <button
                type="button"
                aria-label={label}
                aria-pressed={props.selected === day.date}
                data-testid={`history-day-${day.date}`}
                className={`${classes.bar} ${
                  props.selected === day.date ? classes.selected : ''
                }`}
                onClick={() => props.onSelect(day.date)}
              >
                <span className={classes.half} style={ownHalfStyle(day)} />
                <span
                  className={classes.half}
                  style={{
                    background: observed
                      ? levelColor(theme, day.worst)
                      : noData,
                  }}
                />
              </button>
            </Tooltip>
          );
        })}
      </div>
      <Typography variant="caption" component="div" className={classes.scale}>
        <span>{props.days[0]?.date}</span>
        <span>{t('todayUtc')}</span>
      </Typography>
    </>
  );
}
