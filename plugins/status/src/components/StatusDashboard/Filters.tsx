import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  LEVEL_PRECEDENCE,
  StatusSummaryFacets,
} from '@status-layer/plugin-status-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { SelectField, SelectOption, useLevelWords } from '../common';
import { useFilterWords } from '../common/useSectionWords';
import { FILTER_MESSAGES } from '../../translations/filters';
import { DashboardState, Grouping } from './useDashboardState';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  search: { minWidth: '16rem', flex: '1 1 16rem' },
}));

const ANY = '';

const GROUPINGS: { value: Grouping; word: keyof typeof FILTER_MESSAGES }[] = [
  { value: 'domain', word: 'groupingDomain' },
  { value: 'owner', word: 'groupingOwner' },
  { value: 'flat', word: 'groupingFlat' },
];

const label = (ref: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });

const byLabel = (refs: string[]) =>
  [...refs].sort((a, b) => label(a).localeCompare(label(b)));

/** A filter of one value at most, kept as a list in the dashboard's state. */
function Choice(props: {
  id: string;
  label: string;
  value: string[];
  options: SelectOption[];
  onChange: (value: string[]) => void;
}) {
  const words = useFilterWords();
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value[0] ?? ANY}
      leading={[{ value: ANY, label: words('any') }]}
      options={props.options}
      onChange={value => props.onChange(value ? [value] : [])}
    />
  );
}

/** Grouping, filters, free-text search and the "my team" switch. */
export function Filters(props: {
  state: DashboardState;
  /** The values the filters can take, from the backend. */
  facets: StatusSummaryFacets;
  onChange: (change: Partial<DashboardState>) => void;
}) {
  const classes = useStyles();
  const { state, facets, onChange } = props;
  const options = useMemo(
    () => ({
      kind: facets.kind,
      owner: byLabel(facets.owner),
      system: byLabel(facets.system),
      domain: byLabel(facets.domain),
    }),
    [facets],
  );
  const words = useFilterWords();
  const levels = useLevelWords();
  const asOptions = (refs: string[]) =>
    refs.map(ref => ({ value: ref, label: label(ref) }));
  return (
    <div className={classes.bar} role="search">
      <SelectField
        id="status-grouping"
        label={words('groupBy')}
        value={state.grouping}
        options={GROUPINGS.map(g => ({ value: g.value, label: words(g.word) }))}
        onChange={grouping => onChange({ grouping: grouping as Grouping })}
      />
      <TextField
        id="status-search"
        variant="outlined"
        size="small"
        className={classes.search}
        label={words('search')}
        placeholder={words('searchPlaceholder')}
        value={state.text}
        onChange={event => onChange({ text: event.target.value })}
      />
      <Choice
        id="status-kind"
        label={words('kind')}
        value={state.kind}
        options={options.kind.map(k => ({ value: k, label: k }))}
        onChange={kind => onChange({ kind })}
      />
      <Choice
        id="status-level"
        label={words('level')}
        value={state.level}
        options={[...LEVEL_PRECEDENCE].reverse().map(l => ({
          value: l,
          label: levels.label(l),
        }))}
        onChange={level => onChange({ level })}
      />
      {(['owner', 'system', 'domain'] as const).map(key => (
        <Choice
          key={key}
          id={`status-${key}`}
          label={words(key)}
          value={state[key]}
          options={asOptions(options[key])}
          onChange={refs => onChange({ [key]: refs })}
        />
      ))}
      <FormControlLabel
        control={
          <Switch
            checked={state.mine}
            onChange={event => onChange({ mine: event.target.checked })}
            color="primary"
          />
        }
        label={words('myTeams')}
      />
    </div>
  );
}
