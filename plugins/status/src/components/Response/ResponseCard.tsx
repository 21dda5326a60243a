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
import { formatDuration, LoadedCard, useResponse } from '../common';

type Mean = 'mttaMs' | 'mttrMs';

/** "12 min (was 20 min)": the figure and the period before it, when both exist. */
export function withTrend(
  current: ResponseFigures,
  previous: ResponseFigures,
  mean: Mean,
): string {
  const now = current[mean];
  if (now === undefined) return '—';
  const before = previous[mean];
  if (before === undefined) return formatDuration(now);
  let word = 'as';
  if (now < before) word = 'better than';
  else if (now > before) word = 'worse than';
  return `${formatDuration(now)} (${word} ${formatDuration(
    before,
  )} the period before)`;
}

/** The head cells of {@link ResponseFigureCells}. */
export function ResponseFigureHeadCells() {
  return (
    <>
      <TableCell>Incidents</TableCell>
      <TableCell>MTTA</TableCell>
      <TableCell>MTTR</TableCell>
    </>
  );
}

/** One row's incidents, MTTA and MTTR cells, each against the period before. */
export function ResponseFigureCells(props: {
  current: ResponseFigures;
  previous: ResponseFigures;
}) {
  const { current, previous } = props;
  return (
    <>
      <TableCell>
        {current.incidents} (before: {previous.incidents})
      </TableCell>
      <TableCell>{withTrend(current, previous, 'mttaMs')}</TableCell>
      <TableCell>{withTrend(current, previous, 'mttrMs')}</TableCell>
    </>
  );
}

/** Since when incidents are counted, and where the older ones came from. */
export function countedFrom(response: StatusResponse): string {
  const day = (iso: string) => iso.slice(0, 10);
  const observed = response.observedSince
    ? ` (${day(response.observedSince)})`
    : '';
  const { backfill } = response;
  if (backfill?.finished) {
    return `Incidents count from ${day(
      backfill.from,
    )}: those before the status layer began recording${observed} were read from PagerDuty's analytics, with their first acknowledgement.`;
  }
  if (backfill) {
    return `Past incidents are still being read from PagerDuty (${backfill.incidents} so far): figures before the status layer began recording${observed} are incomplete.`;
  }
  return `Incidents count from when the status layer began recording${observed}.`;
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
  return (
    <LoadedCard
      title="Incident response"
      polled={polled}
      what="the incident response"
    >
      {response => (
        <>
          <Table size="small" aria-label="Incident response">
            <TableHead>
              <TableRow>
                <TableCell>Period</TableCell>
                <ResponseFigureHeadCells />
              </TableRow>
            </TableHead>
            <TableBody>
              {response.periods.map(p => (
                <TableRow key={p.days}>
                  <TableCell>{p.days} days</TableCell>
                  <ResponseFigureCells
                    current={p.current}
                    previous={p.previous}
                  />
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="caption" color="textSecondary" component="p">
            Over the PagerDuty incidents created in each period on{' '}
            {response.services === 1
              ? 'its service'
              : `${response.services} services`}
            : MTTA is the mean time from an incident's creation to its
            acknowledgement (of those acknowledged), MTTR to its resolution (of
            those resolved). {countedFrom(response)}
            {response.truncated &&
              ' There were more incidents than one answer reads: the newest are counted.'}
          </Typography>
        </>
      )}
    </LoadedCard>
  );
}
