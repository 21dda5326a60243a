import { makeStyles } from '@material-ui/core/styles';

/** The look of incident, alert and change lists: one row each, a line of facts under the title. */
export const useSignalListStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  labels: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

/** The look of time-ordered lists (level changes, maintenance windows): one entry a line, its facts wrapping. */
export const useTimelineStyles = makeStyles(theme => ({
  list: { listStyle: 'none', padding: 0, margin: theme.spacing(1, 0, 0) },
  entry: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  time: { fontVariantNumeric: 'tabular-nums', minWidth: '4rem' },
}));
