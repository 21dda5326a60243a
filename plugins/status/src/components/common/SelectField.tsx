import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

/** One choice of a {@link SelectField}: the value it sets and what the reader sees. */
export type SelectOption = { value: string; label: string };

const useStyles = makeStyles({
  select: { minWidth: '11rem' },
});

/**
 * A labelled drop-down of a filter bar. `leading` choices (such as "Any" for
 * the empty value) come before the options, which are shown in the order given.
 */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: SelectOption[];
  leading?: SelectOption[];
  onChange: (value: string) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={props.id}
      select
      variant="outlined"
      size="small"
      className={classes.select}
      label={props.label}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
    >
      {[...(props.leading ?? []), ...props.options].map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
