import {
  COVERAGE_NO_GROUP,
  StatusCoverage,
  StatusCoverageQuery,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import { CoverageWords } from './useCoverageWords';

/** The filters of the coverage list, as the reader set them. */
export type CoverageFilterState = Required<
  Pick<
    StatusCoverageQuery,
    'q' | 'domain' | 'system' | 'owner' | 'lifecycle' | 'offset'
  >
> & { monitored: '' | 'yes' | 'no' };

/** Production components, monitored or not: what SREs look at first. */
export const DEFAULT_COVERAGE_FILTERS: CoverageFilterState = {
  q: '',
  domain: '',
  system: '',
  owner: '',
  monitored: '',
  lifecycle: 'production',
  offset: 0,
};

/** How long typing pauses before the search is asked for. */
const TYPING_PAUSE_MS = 300;

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
  },
  select: { minWidth: 180 },
}));

/** Filters over the components: words, Domain, System, owner, monitored, lifecycle; and the CSV export. */
export function CoverageFilters(props: {
  filters: CoverageFilterState;
  /** The last answer, for the values the selects offer. */
  coverage?: StatusCoverage;
  words: CoverageWords;
  onChange: (change: Partial<CoverageFilterState>) => void;
  onExport?: () => void;
}) {
  const { filters, coverage, words, onChange } = props;
  const classes = useStyles();
  const [text, setText] = useState(filters.q);
  useEffect(() => {
    if (text === filters.q) return undefined;
    const timer = setTimeout(
      () => onChange({ q: text, offset: 0 }),
      TYPING_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  const groupSelect = (
    key: 'domain' | 'system' | 'owner',
    label: string,
  ) => {
    const refs = (coverage?.groups[key].items ?? []).flatMap(g =>
      g.entityRef ? [g.entityRef] : [],
    );
    // the chosen value stays offered even when the last answer lacks it
    if (filters[key] && filters[key] !== COVERAGE_NO_GROUP)
      refs.push(...(refs.includes(filters[key]) ? [] : [filters[key]]));
    return (
      <TextField
        select
        id={`coverage-filter-${key}`}
        label={label}
        value={filters[key]}
        className={classes.select}
        onChange={e => onChange({ [key]: e.target.value, offset: 0 })}
      >
        <MenuItem value="">{words('filterAny')}</MenuItem>
        <MenuItem value={COVERAGE_NO_GROUP}>{words('filterNone')}</MenuItem>
        {refs.sort().map(ref => (
          <MenuItem key={ref} value={ref}>
            {ref}
          </MenuItem>
        ))}
      </TextField>
    );
  };
  const lifecycles = [...(coverage?.lifecycles ?? [])];
  if (filters.lifecycle && !lifecycles.includes(filters.lifecycle))
    lifecycles.push(filters.lifecycle);

  return (
    <div
      className={classes.filters}
      role="group"
      aria-label={words('filtersTitle')}
    >
      <TextField
        id="coverage-filter-text"
        label={words('filterText')}
        value={text}
        onChange={e => setText(e.target.value)}
      />
      {groupSelect('domain', words('filterDomain'))}
      {groupSelect('system', words('filterSystem'))}
      {groupSelect('owner', words('filterOwner'))}
      <TextField
        select
        id="coverage-filter-monitored"
        label={words('filterMonitored')}
        value={filters.monitored}
        className={classes.select}
        onChange={e =>
          onChange({
            monitored: e.target.value as CoverageFilterState['monitored'],
            offset: 0,
          })
        }
      >
        <MenuItem value="">{words('monitoredAny')}</MenuItem>
        <MenuItem value="yes">{words('monitoredYes')}</MenuItem>
        <MenuItem value="no">{words('monitoredNo')}</MenuItem>
      </TextField>
      <TextField
        select
        id="coverage-filter-lifecycle"
        label={words('filterLifecycle')}
        value={filters.lifecycle}
        className={classes.select}
        onChange={e => onChange({ lifecycle: e.target.value, offset: 0 })}
      >
        <MenuItem value="">{words('lifecycleAny')}</MenuItem>
        {lifecycles.sort().map(lifecycle => (
          <MenuItem key={lifecycle} value={lifecycle}>
            {lifecycle}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="outlined"
        disabled={!props.onExport}
        onClick={props.onExport}
      >
        {words('exportCsv')}
      </Button>
    </div>
  );
}
