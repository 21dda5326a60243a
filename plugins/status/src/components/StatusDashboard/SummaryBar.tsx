import { InfoCard } from '@backstage/core-components';
import {
  HealthLevel,
  LEVEL_LABELS,
  OUTAGES_WORST_FIRST,
  StatusSummary,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { Freshness, LevelCounts } from '../common';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 major outages and 1 partial outage affecting 31 entities", or all clear. */
export function overallBanner(summary: StatusSummary): string {
  const byLevel = new Map<HealthLevel, number>();
  for (const p of summary.problems)
    byLevel.set(p.level, (byLevel.get(p.level) ?? 0) + 1);
  const parts = OUTAGES_WORST_FIRST.filter(level => byLevel.get(level)).map(
    level => {
      const n = byLevel.get(level)!;
      const words = LEVEL_LABELS[level].toLocaleLowerCase('en-US');
      return level === 'degraded'
        ? `${n} degraded service${n === 1 ? '' : 's'}`
        : plural(n, words);
    },
  );
  if (parts.length === 0) return 'All systems operational';
  const { impacted } = summary;
  const list =
    parts.length === 1
      ? parts[0]
      : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return impacted
    ? `${list} affecting ${impacted} other ${
        impacted === 1 ? 'entity' : 'entities'
      }`
    : list;
}

/** Counts per level, the overall banner, and how fresh each source is. */
export function SummaryBar(props: { summary: StatusSummary }) {
  const { summary } = props;
  return (
    <InfoCard>
      <Typography variant="h4" component="h2" role="status">
        {overallBanner(summary)}
      </Typography>
      <LevelCounts
        counts={summary.counts}
        label="Entities per level"
        showZero
      />
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
