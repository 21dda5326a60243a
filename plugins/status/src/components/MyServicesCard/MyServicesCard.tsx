import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  LevelLabel,
  Loaded,
  StatusEntityLink,
  useDashboardWords,
  useMyTeamsSummary,
} from '../common';

/** The card lists the first ten; the rest are on the status page. */
const FIRST_TEN = { limit: 10 };

/**
 * The home-page card: the services the reader's teams own, and everything
 * they depend on, that are not operational, worst first, each with its root
 * cause. Reads again on every pushed change.
 */
export function MyServicesCard() {
  const { teams, summary } = useMyTeamsSummary(true, FIRST_TEN);
  const t = useDashboardWords();
  const owner = teams.value ?? [];
  if (teams.error)
    return (
      <Typography variant="body2" color="error">
        {t('teamsFailed', { error: teams.error.message })}
      </Typography>
    );
  // nothing to show until the reader's teams and then their summary are known
  if (
    teams.loading ||
    (owner.length > 0 && summary.value === undefined && !summary.error)
  )
    return <Progress />;
  if (owner.length === 0) {
    return <Typography variant="body2">{t('noTeamServices')}</Typography>;
  }
  return (
    <Loaded polled={summary} what={t('whatYourServices')} compact>
      {value => {
        // worst first: the first page holds the first broken ones
        const broken = (value?.entities ?? []).filter(
          e => e.effective !== 'operational',
        );
        const brokenCount = value ? value.total - value.counts.operational : 0;
        if (brokenCount === 0)
          return (
            <Typography variant="body2">
              {t('allServicesOperational', { count: value?.total ?? 0 })}
            </Typography>
          );
        return (
          <ul aria-label={t('notOperational')}>
            {broken.map(e => (
              <li key={e.entityRef}>
                <StatusEntityLink entityRef={e.entityRef} />{' '}
                <LevelLabel level={e.effective} />
                {e.rootCause && e.rootCause !== e.entityRef && (
                  <Typography variant="caption" component="span">
                    {' '}
                    {t('becauseOfLabel')}{' '}
                    <StatusEntityLink entityRef={e.rootCause} />
                  </Typography>
                )}
              </li>
            ))}
            {brokenCount > broken.length && (
              <li>
                <Typography variant="caption">
                  {t('moreOnStatusPage', {
                    count: brokenCount - broken.length,
                  })}
                </Typography>
              </li>
            )}
          </ul>
        );
      }}
    </Loaded>
  );
}
