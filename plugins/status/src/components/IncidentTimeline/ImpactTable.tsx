import { StatusIncidentTimeline } from '@status-layer/plugin-status-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  DisplayLevel,
  LevelLabel,
  StatusEntityLink,
  useTimelineWords,
  useTimeWords,
} from '../common';
import { useEntryWords } from './useEntryWords';

/**
 * The entities the incident made worse: each with its worst level (named,
 * not only coloured), the way from the incident's entity, when it turned and
 * recovered, and for how long; those the reader may not see only counted.
 */
export function ImpactTable(props: { timeline: StatusIncidentTimeline }) {
  const t = useTimelineWords();
  const time = useTimeWords();
  const words = useEntryWords();
  const { impact, hiddenImpact } = props.timeline;
  if (!impact.length && !hiddenImpact)
    return <Typography variant="body2">{t('noImpact')}</Typography>;
  return (
    <>
      <Table size="small" aria-label={t('impactTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('columnEntity')}</TableCell>
            <TableCell>{t('columnLevel')}</TableCell>
            <TableCell>{t('columnVia')}</TableCell>
            <TableCell>{t('columnFrom')}</TableCell>
            <TableCell>{t('columnTo')}</TableCell>
            <TableCell>{t('columnDuration')}</TableCell>
            <TableCell>{t('columnOwner')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {impact.map(i => (
            <TableRow key={i.entityRef}>
              <TableCell>
                <StatusEntityLink entityRef={i.entityRef} />
              </TableCell>
              <TableCell>
                <LevelLabel level={i.level as DisplayLevel} />
              </TableCell>
              <TableCell>
                {i.path.length > 1
                  ? i.path.map(words.entity).join(' → ')
                  : t('ownIncident')}
              </TableCell>
              <TableCell>{time.dateTime(i.from)}</TableCell>
              <TableCell>
                {i.to ? time.dateTime(i.to) : t('stillAffected')}
              </TableCell>
              <TableCell>
                {i.to
                  ? time.duration(Date.parse(i.to) - Date.parse(i.from))
                  : time.since(i.from)}
              </TableCell>
              <TableCell>
                {i.owner && <StatusEntityLink entityRef={i.owner} />}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hiddenImpact > 0 && (
        <Typography variant="body2">
          {t('hiddenImpact', { count: hiddenImpact })}
        </Typography>
      )}
    </>
  );
}
