import {
  DISPLAY_LEVELS,
  DisplayLevel,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LevelIcon, useLevelWords } from './levels';
import { useSharedWords } from './useSectionWords';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(2, 0, 1),
    padding: 0,
    listStyle: 'none',
  },
  count: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  legend: { margin: 0, paddingLeft: theme.spacing(2) },
}));

/** Levels whose meaning a reader cannot guess from the word alone: said beside their count. */
const EXPLAINED = ['misconfigured', 'not_monitored'] as const;

/** What each of those levels counts, in one sentence. */
const MEANINGS = {
  misconfigured: 'meaningMisconfigured',
  not_monitored: 'meaningNotMonitored',
} as const;

/**
 * How many entities are at each display level, worst first, with not
 * monitored and misconfigured counted apart from operational and what those
 * two count said in words beside them.
 */
export function LevelCounts(props: {
  counts: Record<DisplayLevel, number>;
  /** Names the list for assistive technology, e.g. "Entities per level". */
  label: string;
  /** Show levels with no entity too (the dashboard's fixed row of counters). */
  showZero?: boolean;
  /** The size of the numbers. */
  variant?: 'h6' | 'body2';
}) {
  const classes = useStyles();
  const levels = useLevelWords();
  const t = useSharedWords();
  const { counts, showZero, variant = 'h6' } = props;
  const shown = DISPLAY_LEVELS.filter(level => showZero || counts[level] > 0);
  const explained = EXPLAINED.filter(level => counts[level] > 0);
  return (
    <>
      <ul className={classes.counts} aria-label={props.label}>
        {shown.map(level => (
          <li key={level} className={classes.count} data-level={level}>
            <LevelIcon level={level} />
            <Typography variant={variant} component="span">
              {counts[level]}
            </Typography>
            <Typography variant="body2" component="span">
              {levels.label(level)}
            </Typography>
          </li>
        ))}
      </ul>
      {explained.length > 0 && (
        <ul className={classes.legend} aria-label={t('levelCountsLegend')}>
          {explained.map(level => (
            <li key={level}>
              <Typography variant="body2" color="textSecondary">
                {t('levelMeaning', {
                  level: levels.label(level),
                  meaning: t(MEANINGS[level]),
                })}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
