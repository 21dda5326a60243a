import { StatusIncidentUpdate } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { ago, useNow } from './Freshness';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: theme.spacing(1, 0, 0), padding: 0 },
  update: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  statusUpdate: { borderLeftColor: theme.palette.primary.main },
  message: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
}));

const SHOWN = 3;

/** An incident's status updates and notes, newest first: the latest three, the rest on request. */
export function IncidentUpdates(props: {
  updates: StatusIncidentUpdate[];
  incidentTitle: string;
}) {
  const classes = useStyles();
  const now = useNow();
  const [all, setAll] = useState(false);
  const { updates } = props;
  if (!updates.length) return null;
  const shown = all ? updates : updates.slice(0, SHOWN);
  return (
    <>
      <ul
        className={classes.list}
        aria-label={`Updates on ${props.incidentTitle}`}
      >
        {shown.map(update => (
          <li
            key={`${update.kind}:${update.id}`}
            className={`${classes.update} ${
              update.kind === 'status_update' ? classes.statusUpdate : ''
            }`}
          >
            <Typography variant="caption" color="textSecondary" component="div">
              {update.kind === 'status_update' ? 'Status update' : 'Note'}
              {update.author ? ` by ${update.author}` : ''},{' '}
              {ago(update.at, now)}
            </Typography>
            <Typography variant="body2" className={classes.message}>
              {update.message}
            </Typography>
          </li>
        ))}
      </ul>
      {updates.length > SHOWN && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all
            ? 'Show fewer updates'
            : `Show ${updates.length - SHOWN} earlier update${
                updates.length - SHOWN === 1 ? '' : 's'
              }`}
        </Button>
      )}
    </>
  );
}
