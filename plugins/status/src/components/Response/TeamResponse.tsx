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
import { Loaded, useTeamResponse } from '../common';
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
  return (
    <>
      <TextField
        select
        label="Period"
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
            Last {p} days
          </MenuItem>
        ))}
      </TextField>
      <Loaded polled={polled} what="the incident response">
        {answer => (
          <>
            <Table size="small" aria-label="Incident response per team">
              <TableHead>
                <TableRow>
                  <TableCell>Team</TableCell>
                  <TableCell>Services</TableCell>
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
              Over the PagerDuty incidents created in the last {answer.days}{' '}
              days on the services each team owns (of those you may see),
              against the {answer.days} days before: MTTA is the mean time from
              an incident's creation to its acknowledgement, MTTR to its
              resolution.
              {answer.truncated &&
                ' There were more incidents than one answer reads: the newest are counted.'}
            </Typography>
          </>
        )}
      </Loaded>
    </>
  );
}
