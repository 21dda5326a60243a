import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode, useCallback, useState } from 'react';

const STORAGE_PREFIX = 'status-layer:section:';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0, 2),
  },
  details: { display: 'block' },
}));

/** Reads a remembered choice; a browser that keeps no storage remembers nothing. */
function remembered(id: string): boolean | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_PREFIX + id);
    return value === null ? undefined : value === 'open';
  } catch {
    return undefined;
  }
}

function remember(id: string, open: boolean) {
  try {
    window.localStorage.setItem(STORAGE_PREFIX + id, open ? 'open' : 'closed');
  } catch {
    // private mode or a full storage: the choice lasts for this page only
  }
}

/**
 * Whether a section is open: the reader's last choice for this section (in
 * this browser, for every entity), else its default as it is now, so that a
 * section the reader never touched opens when what it holds starts to
 * matter (an incident arrives on an open page).
 */
export function useSectionOpen(
  id: string,
  defaultOpen: boolean,
): [boolean, (open: boolean) => void] {
  const [choice, setChoice] = useState(() => remembered(id));
  const choose = useCallback(
    (next: boolean) => {
      setChoice(next);
      remember(id, next);
    },
    [id],
  );
  return [choice ?? defaultOpen, choose];
}

/**
 * A section of a Status tab: its title and summary line always shown, its
 * content on request, built only while open. The reader's choice is kept.
 */
export function Section(props: {
  /** Names the section in storage and tests; stable across releases. */
  id: string;
  title: string;
  /** One line that stands for the content while it is closed. */
  summary?: ReactNode;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  const { id, title, summary, defaultOpen = false, children } = props;
  const [open, setOpen] = useSectionOpen(id, defaultOpen);
  const headingId = `status-section-${id}`;
  return (
    <Accordion
      expanded={open}
      onChange={(_, next) => setOpen(next)}
      TransitionProps={{ unmountOnExit: true }}
      data-testid={`section-${id}`}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${headingId}-content`}
        id={headingId}
      >
        <div className={classes.summary}>
          {/* a heading inside a button loses its role: the button names the section */}
          <Typography variant="h6" component="span">
            {title}
          </Typography>
          {summary && (
            <Typography variant="body2" color="textSecondary" component="span">
              {summary}
            </Typography>
          )}
        </div>
      </AccordionSummary>
      <AccordionDetails
        className={classes.details}
        id={`${headingId}-content`}
        role="region"
        aria-labelledby={headingId}
      >
        {children}
      </AccordionDetails>
    </Accordion>
  );
}
