import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DisplayLevel } from '@status-layer/plugin-status-common';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import BuildIcon from '@material-ui/icons/Build';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import WarningIcon from '@material-ui/icons/Warning';
import Tooltip from '@material-ui/core/Tooltip';
import { ComponentType, useMemo } from 'react';
import { statusTranslationRef } from '../../translation';
import { VisuallyHidden } from './VisuallyHidden';

export type { DisplayLevel };

// Each pair passes 4.5:1 against Backstage's light (#fff) and dark (#424242)
// paper, so the label stays readable where it is coloured.
const LIGHT: Record<DisplayLevel, string> = {
  operational: '#1b7f3b',
  degraded: '#7a5800',
  partial_outage: '#a84300',
  major_outage: '#c62828',
  under_maintenance: '#1565c0',
  unknown: '#5f5f5f',
  not_monitored: '#5f5f5f',
  misconfigured: '#7b1fa2',
};
const DARK: Record<DisplayLevel, string> = {
  operational: '#81c784',
  degraded: '#ffd54f',
  partial_outage: '#ffb74d',
  major_outage: '#ff8a80',
  under_maintenance: '#90caf9',
  unknown: '#bdbdbd',
  not_monitored: '#bdbdbd',
  misconfigured: '#ce93d8',
};

const ICONS: Record<DisplayLevel, ComponentType<{ className?: string }>> = {
  operational: CheckCircleIcon,
  degraded: WarningIcon,
  partial_outage: ErrorIcon,
  major_outage: CancelIcon,
  under_maintenance: BuildIcon,
  unknown: HelpIcon,
  not_monitored: RemoveCircleOutlineIcon,
  misconfigured: ReportProblemOutlinedIcon,
};

/** A level's names in the reader's language: in full, and in a word or two for narrow places. */
export type LevelWords = {
  label: (level: DisplayLevel) => string;
  short: (level: DisplayLevel) => string;
};

/** The levels' names in the reader's language (the translation ref's `levels` and `levelsShort`). */
export function useLevelWords(): LevelWords {
  const { t } = useTranslationRef(statusTranslationRef);
  return useMemo(
    () => ({
      label: level => t(`levels.${level}`),
      short: level => t(`levelsShort.${level}`),
    }),
    [t],
  );
}

/** The colour of a level in the current theme. */
export function levelColor(theme: Theme, level: DisplayLevel): string {
  return (theme.palette.type === 'dark' ? DARK : LIGHT)[level];
}

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },

  ...(Object.fromEntries(
    Object.keys(LIGHT).map(level => [
      level,
      { color: levelColor(theme, level as DisplayLevel) },
    ]),
  ) as Record<DisplayLevel, { color: string }>),
}));

/** A level's icon in its colour; the icon's shape tells the level without colour too. */
export function LevelIcon(props: {
  level: DisplayLevel;
  fontSize?: 'small' | 'default' | 'large' | 'inherit';
}) {
  const classes = useStyles();
  const Icon = ICONS[props.level] as ComponentType<any>;
  return (
    <Icon
      className={classes[props.level]}
      fontSize={props.fontSize ?? 'small'}
      aria-hidden
    />
  );
}

/**
 * A level as icon and words, e.g. "✖ Major outage", on one line; `short`
 * for narrow places: a word or two, the full name in its tooltip and for
 * screen readers.
 */
export function LevelLabel(props: {
  level: DisplayLevel;
  variant?: 'body2' | 'body1' | 'h4' | 'h5' | 'h6' | 'subtitle2';
  coloured?: boolean;
  short?: boolean;
}) {
  const classes = useStyles();
  const words = useLevelWords();
  const { level, variant = 'body2', coloured = true, short = false } = props;
  const large = variant === 'h4' || variant === 'h5';
  const text = (
    <Typography
      component="span"
      variant={variant}
      className={coloured ? classes[level] : undefined}
    >
      {short ? (
        <>
          <span aria-hidden>{words.short(level)}</span>
          <VisuallyHidden>{words.label(level)}</VisuallyHidden>
        </>
      ) : (
        words.label(level)
      )}
    </Typography>
  );
  return (
    <span className={classes.root} data-level={level}>
      <LevelIcon level={level} fontSize={large ? 'large' : 'small'} />
      {short ? <Tooltip title={words.label(level)}>{text}</Tooltip> : text}
    </span>
  );
}
