import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { Loaded, useHistoryWords, useTeamResponse } from '../common';
import { ResponseFigureCells, ResponseFigureHeadCells } from './ResponseCard';

const PERIODS = [7, 30, 90] as const;

/**
 * The dashboard's incident response per owning team: incidents, MTTA and
 * MTTR over 7, 30 or 90 days, each against the period before, most incidents
 * first, with the definitions beside them.
 */
export function TeamResponse() {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const polled = useTeamResponse(days);
  const t = useHistoryWords();
  return (
    <>
      <TextField
        select
        label={t('columnPeriod')}
        value={days}
        onChange={event =>
          setDays(Number(event.target.value) as (typeof PERIODS)[number])
        }
        variant="outlined"
        size="small"
        style={{ minWidth: 160, marginBottom: 16 }}
      >
        {PERIODS.map(p => (
          <MenuItem key={p} value={p}>
            {t('lastDays', { count: p })}
          </MenuItem>
        ))}
      </TextField>
      <Loaded polled={polled} what={t('whatResponse')}>
        {answer => (
          <>
            <Table size="small" aria-label={t('teamResponseLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('columnTeam')}</TableCell>
                  <TableCell>{t('columnServices')}</TableCell>
                  <ResponseFigureHeadCells />
                </TableRow>
              </TableHead>
              <TableBody>
                {answer.teams.map(team => (
                  <TableRow key={team.owner}>
                    <TableCell>
                      <EntityRefLink
                        entityRef={team.owner}
                        defaultKind="group"
                      />
                    </TableCell>
                    <TableCell>{team.services}</TableCell>
                    <ResponseFigureCells
                      current={team.current}
                      previous={team.previous}
                    />
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography variant="caption" color="textSecondary" component="p">
              {[
                t('teamResponseExplained', { count: answer.days }),
                answer.truncated && t('responseTruncated'),
              ]
                .filter(Boolean)
                .join(' ')}
            </Typography>
          </>
        )}
      </Loaded>
    </>
  );
}
