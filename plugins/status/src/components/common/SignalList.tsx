import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useSignalListStyles } from './signalListStyles';

/** A list of incidents or alerts: one row each, or a line saying there are none. */
export function SignalList<T>(props: {
  items: T[];
  keyOf: (item: T) => string;
  emptyText: string;
  children: (item: T) => ReactNode;
}) {
  const classes = useSignalListStyles();
  if (props.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.emptyText}
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {props.items.map(item => (
        <li key={props.keyOf(item)} className={classes.item}>
          {props.children(item)}
        </li>
      ))}
    </ul>
  );
}
