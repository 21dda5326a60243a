import {
  COVERAGE_NO_GROUP,
  StatusCoverage,
  StatusCoverageQuery,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import { SelectField } from '../common';
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
      <SelectField
        id={`coverage-filter-${key}`}
        label={label}
        value={filters[key]}
        leading={[
          { value: '', label: words('filterAny') },
          { value: COVERAGE_NO_GROUP, label: words('filterNone') },
        ]}
        options={refs.sort().map(ref => ({ value: ref, label: ref }))}
        onChange={value => onChange({ [key]: value, offset: 0 })}
      />
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
        variant="outlined"
        size="small"
        label={words('filterText')}
        value={text}
        onChange={e => setText(e.target.value)}
      />
      {groupSelect('domain', words('filterDomain'))}
      {groupSelect('system', words('filterSystem'))}
      {groupSelect('owner', words('filterOwner'))}
      <SelectField
        id="coverage-filter-monitored"
        label={words('filterMonitored')}
        value={filters.monitored}
        options={[
          { value: '', label: words('monitoredAny') },
          { value: 'yes', label: words('monitoredYes') },
          { value: 'no', label: words('monitoredNo') },
        ]}
        onChange={value =>
          onChange({
            monitored: value as CoverageFilterState['monitored'],
            offset: 0,
          })
        }
      />
      <SelectField
        id="coverage-filter-lifecycle"
        label={words('filterLifecycle')}
        value={filters.lifecycle}
        leading={[{ value: '', label: words('lifecycleAny') }]}
        options={lifecycles.sort().map(l => ({ value: l, label: l }))}
        onChange={value => onChange({ lifecycle: value, offset: 0 })}
      />
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
