import { makeStyles } from '@material-ui/core/styles';

/**
 * The Coverage tab's tables: each caption above its table (Material UI puts
 * it below, where it reads as the title of the next one), words never broken
 * inside (a narrow column scrolls instead of showing "product / ion").
 */
export const useCoverageTableStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto', marginBottom: theme.spacing(2) },
  table: {
    '& caption': {
      captionSide: 'top',
      ...theme.typography.subtitle2,
      color: theme.palette.text.primary,
    },
    '& th, & td': { overflowWrap: 'normal', wordBreak: 'normal' },
  },
}));
