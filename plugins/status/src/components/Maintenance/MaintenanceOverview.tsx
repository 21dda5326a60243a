import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { StatusEntityLink, useDashboardWords, useMaintenance } from '../common';
import { WindowHeading } from './MaintenanceCard';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: 0 },
  entry: { padding: theme.spacing(0.5, 0) },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
}));

/**
 * The company's ongoing and planned maintenance, for the dashboard: which
 * services, why, until when and who planned it. Shows nothing when there is
 * none, or while it cannot be read (the rest of the page says why).
 */
export function MaintenanceOverview() {
  const classes = useStyles();
  const maintenance = useMaintenance();
  const t = useDashboardWords();
  const windows = maintenance.value?.windows ?? [];
  if (!windows.length) return null;
  return (
    <InfoCard title={t('maintenance')}>
      <ul className={classes.list} aria-label={t('companyMaintenance')}>
        {windows.map(w => (
          <li key={w.id} className={classes.entry}>
            <span className={classes.head}>
              <WindowHeading window={w} />
            </span>
            <Typography variant="caption" color="textSecondary">
              {w.entityRefs.map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <StatusEntityLink entityRef={ref} />
                </span>
              ))}
            </Typography>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
