import { InfoCard } from '@backstage/core-components';
import { StatusMaintenanceWindow } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { LevelLabel, timeOfDay, useTimelineStyles } from '../common';

/** "today 14:30", "Fri 4 Dec 09:00": the reader's time zone, the day said when it is not today. */
export function whenLabel(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  const day = sameDay
    ? 'today'
    : at.toLocaleDateString([], {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      });
  return `${day} ${timeOfDay(iso)}`;
}

/** One window in words: what, when, and who planned it. */
export function describeWindow(
  window: StatusMaintenanceWindow,
  now: Date = new Date(),
): string {
  const what = window.description || 'Maintenance';
  const by = window.createdBy ? ` (planned by ${window.createdBy})` : '';
  return window.ongoing
    ? `${what}: until ${whenLabel(window.endTime, now)}${by}`
    : `${what}: ${whenLabel(window.startTime, now)} to ${whenLabel(
        window.endTime,
        now,
      )}${by}`;
}

/** A window's state ("Under maintenance" or "Planned") and its words. */
export function WindowHeading(props: { window: StatusMaintenanceWindow }) {
  const { window } = props;
  return (
    <>
      {window.ongoing ? (
        <LevelLabel level="under_maintenance" />
      ) : (
        <Typography variant="body2" component="span" color="textSecondary">
          Planned
        </Typography>
      )}
      <Typography variant="body2" component="span">
        {describeWindow(window)}
      </Typography>
    </>
  );
}

/**
 * The PagerDuty maintenance windows of an entity's services, ongoing first:
 * who planned them, why and until when, and what they do to its level.
 */
export function MaintenanceCard(props: { windows: StatusMaintenanceWindow[] }) {
  const classes = useTimelineStyles();
  const ongoing = props.windows.filter(w => w.ongoing);
  const upcoming = props.windows.filter(w => !w.ongoing);
  return (
    <InfoCard title="Maintenance">
      <ul className={classes.list} aria-label="Maintenance windows">
        {[...ongoing, ...upcoming].map(w => (
          <li key={w.id} className={classes.entry}>
            <WindowHeading window={w} />
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        While a window runs, this service's incidents do not raise its level and
        its dependents are not alarmed by it; its history counts the time as
        maintenance, not downtime.
      </Typography>
    </InfoCard>
  );
}
