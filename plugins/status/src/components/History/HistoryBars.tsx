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
  formatDuration,
  levelColor,
  LevelWords,
  useLevelWords,
} from '../common';

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

const upstreamName = (ref: string) =>
  ref === HIDDEN_ENTITY_REF
    ? 'an upstream you cannot see'
    : humanizeEntityRef(parseEntityRef(ref));

/** What one day was, in words: the bar's label and tooltip. */
export function describeDay(day: HistoryDay, levels: LevelWords): string {
  if (!day.observedMs) {
    const past = day.backfilled;
    if (!past) return `${day.date}: no data (not yet recorded)`;
    const told = past.incidents
      ? `${past.incidents} incident${
          past.incidents === 1 ? '' : 's'
        } over ${formatDuration(past.incidentMs)}, ${levels.label(
          past.worst,
        )} at worst`
      : 'no incidents';
    return `${day.date}: from PagerDuty's past incidents (before recording began): ${told}; upstreams unknown`;
  }
  const parts = [`${day.date}: ${levels.label(day.worst)} at worst`];
  if (day.ownDowntimeMs)
    parts.push(`down ${formatDuration(day.ownDowntimeMs)} by its own signals`);
  if (day.upstreamDowntimeMs)
    parts.push(
      `down ${formatDuration(day.upstreamDowntimeMs)} because of ${
        day.upstreams.map(u => upstreamName(u.ref)).join(', ') || 'an upstream'
      }`,
    );
  if (day.degradedMs) parts.push(`degraded ${formatDuration(day.degradedMs)}`);
  if (day.maintenanceMs)
    parts.push(`under maintenance ${formatDuration(day.maintenanceMs)}`);
  if (!day.ownDowntimeMs && !day.upstreamDowntimeMs) parts.push('no downtime');
  return parts.join('; ');
}

const percent = (share?: number) =>
  share === undefined ? 'no data' : `${(share * 100).toFixed(2)}%`;

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
  return (
    <div className={classes.availability}>
      {props.availability.map(a => {
        const pastDays = Math.round((a.backfilledMs ?? 0) / DAY_MS);
        return (
          <div key={a.days} data-testid={`availability-${a.days}`}>
            <Typography variant="overline" component="div">
              {a.days} days
            </Typography>
            <Typography variant="h6" component="div">
              {percent(a.overall)}
            </Typography>
            {a.observedMs > 0 && a.observedMs < a.days * DAY_MS - 60_000 && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                over the {formatDuration(a.observedMs)} recorded
              </Typography>
            )}
            <Typography variant="caption" color="textSecondary" component="div">
              own signals only: {percent(a.own)}
              {pastDays > 0 &&
                ` (with ${pastDays} day${
                  pastDays === 1 ? '' : 's'
                } before recording, from PagerDuty's past incidents)`}
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
      <div className={classes.bars} role="group" aria-label="Daily history">
        {props.days.map(day => {
          const label = describeDay(day, levels);
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
        <span>today (UTC)</span>
      </Typography>
    </>
  );
}
