import { InfoCard } from '@backstage/core-components';
import {
  HealthLevel,
  OUTAGES_WORST_FIRST,
  StatusSummary,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { Freshness, LevelCounts, useDashboardWords } from '../common';

type DashboardWords = ReturnType<typeof useDashboardWords>;

/** The banner's count of each outage level, a plural by `count`. */
const BANNER_WORDS = {
  major_outage: 'bannerMajorOutages',
  partial_outage: 'bannerPartialOutages',
  degraded: 'bannerDegraded',
} as const;

/** "2 major outages and 1 partial outage affecting 31 entities", or all clear. */
export function overallBanner(
  summary: StatusSummary,
  words: DashboardWords,
): string {
  const byLevel = new Map<HealthLevel, number>();
  for (const p of summary.problems)
    byLevel.set(p.level, (byLevel.get(p.level) ?? 0) + 1);
  const parts = OUTAGES_WORST_FIRST.filter(level => byLevel.get(level)).map(
    level => words(BANNER_WORDS[level], { count: byLevel.get(level)! }),
  );
  if (parts.length === 0) return words('allOperational');
  const { impacted } = summary;
  const list = parts
    .slice(1, -1)
    .reduce(
      (sofar, part) => words('bannerListMore', { list: sofar, part }),
      parts[0],
    );
  const all =
    parts.length === 1
      ? list
      : words('bannerListLast', { list, part: parts[parts.length - 1] });
  return impacted
    ? words('bannerAffecting', { list: all, count: impacted })
    : all;
}

/** Counts per level, the overall banner, and how fresh each source is. */
export function SummaryBar(props: { summary: StatusSummary }) {
  const { summary } = props;
  const t = useDashboardWords();
  return (
    <InfoCard>
      <Typography variant="h4" component="h2" role="status">
        {overallBanner(summary, t)}
      </Typography>
      {/* the two count different things: each says which */}
      <Typography variant="body2" color="textSecondary">
        {t('bannerNote')}
      </Typography>
      <LevelCounts counts={summary.counts} label={t('countsLabel')} showZero />
      <Typography variant="body2" color="textSecondary">
        {t('countsNote')}
      </Typography>
      {summary.freshness.accounts.map(account => (
        <Freshness
          key={account.account}
          freshness={account}
          showAccount={summary.freshness.accounts.length > 1}
        />
      ))}
    </InfoCard>
  );
}
