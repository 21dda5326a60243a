import {
  HIDDEN_ENTITY_REF,
  StatusObjectiveReport,
} from '@status-layer/plugin-status-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  EMBED,
  Embedded,
  LoadedCard,
  StatusEntityLink,
  useObjectiveWords,
  useRollupObjectives,
  useTimeWords,
} from '../common';
import { useNumber } from './ObjectiveCard';

/** One member's row: its objective, budget left, who spent it and the last hour's burn. */
function MemberRow(props: { report: StatusObjectiveReport }) {
  const t = useObjectiveWords();
  const time = useTimeWords();
  const number = useNumber();
  const { report } = props;
  const { objective, window } = report;
  const hour = report.burnRates?.hour;
  const top = window?.upstreams[0];
  return (
    <TableRow>
      <TableCell>
        <StatusEntityLink entityRef={report.entityRef} />
      </TableCell>
      <TableCell>
        {objective &&
          t('objectiveShort', {
            target: number(objective.target * 100, 4),
            days: objective.windowDays,
          })}
      </TableCell>
      <TableCell>
        {window?.budgetLeft === undefined
          ? t('unknown')
          : `${number(window.budgetLeft * 100, 0)} %`}
      </TableCell>
      <TableCell>
        {window &&
          t('spentShort', {
            own: time.duration(window.ownMs),
            inherited: time.duration(window.inheritedMs),
          })}
        {top && (
          <Typography variant="caption" component="div" color="textSecondary">
            {top.ref === HIDDEN_ENTITY_REF ? (
              t('spentTop', { entity: t('hiddenUpstream') })
            ) : (
              <Embedded text={t('spentTop', { entity: EMBED })}>
                <StatusEntityLink entityRef={top.ref} />
              </Embedded>
            )}
          </Typography>
        )}
      </TableCell>
      <TableCell>{hour ? `${number(hour.rate)}×` : t('unknown')}</TableCell>
    </TableRow>
  );
}

/**
 * A System's, Domain's or Group's members with objectives at a glance, least
 * budget left first; read again when the roll-up's level changes (`version`).
 */
export function RollupObjectivesCard(props: {
  entityRef: string;
  version?: string;
}) {
  const t = useObjectiveWords();
  const polled = useRollupObjectives(props.entityRef, props.version);
  return (
    <LoadedCard title={t('rollupTitle')} polled={polled} what={t('rollupWhat')}>
      {value => (
        <>
          {value.members.length === 0 ? (
            <Typography variant="body2">{t('rollupNone')}</Typography>
          ) : (
            <Table size="small" aria-label={t('rollupTitle')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('columnEntity')}</TableCell>
                  <TableCell>{t('columnObjective')}</TableCell>
                  <TableCell>{t('columnBudget')}</TableCell>
                  <TableCell>{t('columnSpent')}</TableCell>
                  <TableCell>{t('columnBurn')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.members.map(report => (
                  <MemberRow key={report.entityRef} report={report} />
                ))}
              </TableBody>
            </Table>
          )}
          {value.withoutObjective > 0 && (
            <Typography variant="caption" color="textSecondary" component="p">
              {t('rollupWithout', { count: value.withoutObjective })}
            </Typography>
          )}
          {value.truncated && (
            <Typography variant="caption" color="textSecondary" component="p">
              {t('rollupTruncated', { count: value.members.length })}
            </Typography>
          )}
        </>
      )}
    </LoadedCard>
  );
}
