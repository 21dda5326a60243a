import { StatusIncidentUpdate } from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { useNow } from './Freshness';
import { useSharedWords } from './useSectionWords';
import { useTimeWords } from './useTimeWords';

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
  const t = useSharedWords();
  const time = useTimeWords();
  const [all, setAll] = useState(false);
  const { updates } = props;
  if (!updates.length) return null;
  const shown = all ? updates : updates.slice(0, SHOWN);
  // who wrote it and when: a status update or a note, by its author if known
  const heading = (
    statusUpdate: boolean,
    author: string | null,
    params: { ago: string },
  ) => {
    if (statusUpdate)
      return author
        ? t('statusUpdateBy', { ...params, author })
        : t('statusUpdate', params);
    return author ? t('noteBy', { ...params, author }) : t('note', params);
  };
  return (
    <>
      <ul
        className={classes.list}
        aria-label={t('updatesOn', { title: props.incidentTitle })}
      >
        {shown.map(update => (
          <li
            key={`${update.kind}:${update.id}`}
            className={`${classes.update} ${
              update.kind === 'status_update' ? classes.statusUpdate : ''
            }`}
          >
            <Typography variant="caption" color="textSecondary" component="div">
              {heading(update.kind === 'status_update', update.author, {
                ago: time.ago(update.at, now),
              })}
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
            ? t('showFewerUpdates')
            : t('showEarlierUpdates', { count: updates.length - SHOWN })}
        </Button>
      )}
    </>
  );
}
