import {
  ResponseFigures,
  StatusResponse,
} from '@status-layer/plugin-status-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  LoadedCard,
  TimeWords,
  useHistoryWords,
  useResponse,
  useTimeWords,
} from '../common';

type Mean = 'mttaMs' | 'mttrMs';
type HistoryWords = ReturnType<typeof useHistoryWords>;

/** "12 min (was 20 min)": the figure and the period before it, when both exist. */
export function withTrend(
  current: ResponseFigures,
  previous: ResponseFigures,
  mean: Mean,
  words: HistoryWords,
  time: TimeWords,
): string {
  const now = current[mean];
  if (now === undefined) return '—';
  const before = previous[mean];
  if (before === undefined) return time.duration(now);
  let trend: 'trendSame' | 'trendBetter' | 'trendWorse' = 'trendSame';
  if (now < before) trend = 'trendBetter';
  else if (now > before) trend = 'trendWorse';
  return words(trend, {
    now: time.duration(now),
    before: time.duration(before),
  });
}

/** The head cells of {@link ResponseFigureCells}. */
export function ResponseFigureHeadCells() {
  const t = useHistoryWords();
  return (
    <>
      <TableCell>{t('columnIncidents')}</TableCell>
      <TableCell>{t('columnMtta')}</TableCell>
      <TableCell>{t('columnMttr')}</TableCell>
    </>
  );
}

/** One row's incidents, MTTA and MTTR cells, each against the period before. */
export function ResponseFigureCells(props: {
  current: ResponseFigures;
  previous: ResponseFigures;
}) {
  const { current, previous } = props;
  const t = useHistoryWords();
  const time = useTimeWords();
  return (
    <>
      <TableCell>
        {t('incidentsBefore', {
          current: current.incidents,
          previous: previous.incidents,
        })}
      </TableCell>
      <TableCell>{withTrend(current, previous, 'mttaMs', t, time)}</TableCell>
      <TableCell>{withTrend(current, previous, 'mttrMs', t, time)}</TableCell>
    </>
  );
}

/** Since when incidents are counted, and where the older ones came from. */
export function countedFrom(
  response: StatusResponse,
  words: HistoryWords,
): string {
  const day = (iso: string) => iso.slice(0, 10);
  const { backfill, observedSince } = response;
  const params = {
    observed: observedSince ? day(observedSince) : '',
    from: backfill ? day(backfill.from) : '',
    count: backfill?.incidents ?? 0,
  };
  if (backfill?.finished)
    return words(
      observedSince ? 'countedBackfilledSince' : 'countedBackfilled',
      params,
    );
  if (backfill)
    return words(
      observedSince ? 'countedBackfillingSince' : 'countedBackfilling',
      params,
    );
  return words(
    observedSince ? 'countedRecordedSince' : 'countedRecorded',
    params,
  );
}

/**
 * Incident response of an entity's PagerDuty services, or of a team's
 * (`rollup`): incidents, MTTA and MTTR over 7, 30 and 90 days, each against
 * the period before, with the definitions beside them.
 */
export function ResponseCard(props: {
  entityRef: string;
  rollup?: boolean;
  version?: string;
}) {
  const polled = useResponse(props.entityRef, {
    rollup: props.rollup,
    version: props.version,
  });
  const t = useHistoryWords();
  return (
    <LoadedCard
      title={t('responseTitle')}
      polled={polled}
      what={t('whatResponse')}
    >
      {response => (
        <>
          <Table size="small" aria-label={t('responseTitle')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('columnPeriod')}</TableCell>
                <ResponseFigureHeadCells />
              </TableRow>
            </TableHead>
            <TableBody>
              {response.periods.map(p => (
                <TableRow key={p.days}>
                  <TableCell>{t('days', { count: p.days })}</TableCell>
                  <ResponseFigureCells
                    current={p.current}
                    previous={p.previous}
                  />
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="caption" color="textSecondary" component="p">
            {[
              t('responseExplained', { count: response.services }),
              countedFrom(response, t),
              response.truncated && t('responseTruncated'),
            ]
              .filter(Boolean)
              .join(' ')}
          </Typography>
        </>
      )}
    </LoadedCard>
  );
}
