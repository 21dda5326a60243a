import { InfoCard } from '@backstage/core-components';
import { StatusMaintenanceWindow } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import {
  LevelLabel,
  timeOfDay,
  TimeWords,
  useDashboardWords,
  useTimelineStyles,
  useTimeWords,
} from '../common';

type DashboardWords = ReturnType<typeof useDashboardWords>;

/** "today 14:30", "Fri 4 Dec 09:00": the reader's time zone, the day said when it is not today. */
export function whenLabel(
  iso: string,
  words: DashboardWords,
  now: Date = new Date(),
  /** The reader's locale's words for times; the browser's locale without them. */
  time?: Pick<TimeWords, 'clock' | 'day'>,
): string {
  const at = new Date(iso);
  const clock = time?.clock(iso) ?? timeOfDay(iso);
  if (at.toDateString() === now.toDateString())
    return words('todayAt', { time: clock });
  const day =
    time?.day(iso) ??
    at.toLocaleDateString([], {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
  return words('dayAt', { day, time: clock });
}

/** One window in words: what, when, and who planned it. */
export function describeWindow(
  window: StatusMaintenanceWindow,
  words: DashboardWords,
  now: Date = new Date(),
  time?: Pick<TimeWords, 'clock' | 'day'>,
): string {
  const params = {
    what: window.description || words('maintenance'),
    start: whenLabel(window.startTime, words, now, time),
    end: whenLabel(window.endTime, words, now, time),
    by: window.createdBy ?? '',
  };
  if (window.ongoing)
    return words(window.createdBy ? 'windowUntilBy' : 'windowUntil', params);
  return words(window.createdBy ? 'windowFromToBy' : 'windowFromTo', params);
}

/** A window's state ("Under maintenance" or "Planned") and its words. */
export function WindowHeading(props: { window: StatusMaintenanceWindow }) {
  const { window } = props;
  const t = useDashboardWords();
  const time = useTimeWords();
  return (
    <>
      {window.ongoing ? (
        <LevelLabel level="under_maintenance" />
      ) : (
        <Typography variant="body2" component="span" color="textSecondary">
          {t('planned')}
        </Typography>
      )}
      <Typography variant="body2" component="span">
        {describeWindow(window, t, new Date(), time)}
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
  const t = useDashboardWords();
  return (
    <InfoCard title={t('maintenance')}>
      <ul className={classes.list} aria-label={t('maintenanceWindows')}>
        {[...ongoing, ...upcoming].map(w => (
          <li key={w.id} className={classes.entry}>
            <WindowHeading window={w} />
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        {t('maintenanceNote')}
      </Typography>
    </InfoCard>
  );
}
