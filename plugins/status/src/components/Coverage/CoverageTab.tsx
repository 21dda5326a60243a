import {
  StatusCoverage,
  StatusCoverageQuery,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Loaded } from '../common';
import { useCoverage } from '../common/useStatusResources';
import { componentCsvRows } from './componentRows';
import { CoverageComponents } from './CoverageComponents';
import {
  CoverageFilters,
  CoverageFilterState,
  DEFAULT_COVERAGE_FILTERS,
} from './CoverageFilters';
import { CoverageGroups } from './CoverageGroups';
import { downloadCsv, toCsv } from './csv';
import { DependencyGaps } from './DependencyGaps';
import { ServiceTables } from './ServiceTables';
import { useCoverageWords } from './useCoverageWords';
import { useServiceMapping } from './useServiceMapping';

/** The filters as the API's query: empty values left out. */
function toQuery(filters: CoverageFilterState): StatusCoverageQuery {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== ''),
  ) as StatusCoverageQuery;
}

/**
 * The dashboard's Coverage tab, for SREs: how many production components
 * are monitored per Domain, System and owner, the components themselves
 * (filterable, most dependents first, exportable as CSV), and what would
 * watch the rest: PagerDuty services no entity names with their likely
 * entities, annotations naming services PagerDuty lacks, and services
 * several entities share; and where PagerDuty's service graph and the
 * catalog's `dependsOn` disagree. A reader who may map services accepts a
 * suggestion or types a service ID in place.
 */
export function CoverageTab() {
  const words = useCoverageWords();
  const [filters, setFilters] = useState(DEFAULT_COVERAGE_FILTERS);
  const query = useMemo(() => toQuery(filters), [filters]);
  const polled = useCoverage(query);
  // the selects keep offering values while the next answer loads
  const last = useRef<StatusCoverage>();
  if (polled.value) last.current = polled.value;
  const change = useCallback(
    (c: Partial<CoverageFilterState>) => setFilters(f => ({ ...f, ...c })),
    [],
  );
  const { map, unmap, notice, busy } = useServiceMapping(
    words,
    polled.retry,
  );
  const listed = polled.value?.components.items;
  const exportCsv = listed
    ? () =>
        downloadCsv('coverage.csv', toCsv(componentCsvRows(listed, words)))
    : undefined;

  return (
    <>
      <Typography variant="body2" paragraph>
        {words('intro')}
      </Typography>
      <div role="status" aria-live="polite">
        {notice?.ok && (
          <Typography variant="body2" paragraph>
            <strong>{notice.text}</strong>
          </Typography>
        )}
      </div>
      <div role="alert">
        {notice && !notice.ok && (
          <Typography variant="body2" paragraph color="error">
            {notice.text}
          </Typography>
        )}
      </div>
      <CoverageFilters
        filters={filters}
        coverage={last.current}
        words={words}
        onChange={change}
        onExport={exportCsv}
      />
      <Typography variant="caption" paragraph>
        {words('exportNote')}
      </Typography>
      <Loaded polled={polled} what={words('what')}>
        {coverage => (
          <>
            <Typography variant="body1" paragraph>
              {words('totals', coverage.totals)}
            </Typography>
            <Typography variant="h6" component="h3">
              {words('groupsTitle')}
            </Typography>
            <CoverageGroups
              groups={coverage.groups}
              words={words}
              onShow={(key, entityRef) =>
                change({
                  domain: '',
                  system: '',
                  owner: '',
                  [key]: entityRef,
                  monitored: 'no',
                  lifecycle: 'production',
                  offset: 0,
                })
              }
            />
            <Typography variant="h6" component="h3">
              {words('componentsTitle')}
            </Typography>
            <CoverageComponents
              components={coverage.components}
              canMap={coverage.canMap}
              busy={busy}
              words={words}
              onMap={(entityRef, serviceId) => map(entityRef, serviceId)}
              onUnmap={unmap}
              onPage={offset => change({ offset })}
            />
            <ServiceTables
              coverage={coverage}
              busy={busy}
              words={words}
              onAccept={(entityRef, serviceId, account) =>
                map(entityRef, serviceId, account)
              }
            />
          </>
        )}
      </Loaded>
      <DependencyGaps />
    </>
  );
}
