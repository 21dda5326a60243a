import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/** Words for screen readers only, where the screen shows them otherwise (an icon, a short label). */
export function VisuallyHidden(props: { children: ReactNode }) {
  return <span className={useStyles().hidden}>{props.children}</span>;
}
