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
