import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CoverageGroupCount,
  CoverageList,
  StatusCoverage,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { COVERAGE_NO_GROUP } from '@status-layer/plugin-status-common';
import { useCoverageTableStyles } from './coverageTableStyles';
import { CoverageWords } from './useCoverageWords';

/** Which grouping a table counts by, and the filter it sets. */
export type GroupingKey = 'domain' | 'system' | 'owner';

function GroupTable(props: {
  caption: string;
  list: CoverageList<CoverageGroupCount>;
  words: CoverageWords;
  onShow: (entityRef: string) => void;
}) {
  const { list, words } = props;
  const classes = useCoverageTableStyles();
  return (
    <>
      <div className={classes.scroll}>
      <Table size="small" className={classes.table}>
        <caption>{props.caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {words('columnName')}
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              {words('columnProduction')}
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              {words('columnMonitored')}
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              {words('columnNotMonitored')}
            </TableCell>
            <TableCell component="th" scope="col">
              {words('columnActions')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.items.map(row => {
            const name = row.entityRef ?? words('noGroup');
            const missing = row.production - row.monitored;
            return (
              <TableRow key={row.entityRef ?? COVERAGE_NO_GROUP}>
                <TableCell component="th" scope="row">
                  {row.entityRef ? (
                    <EntityRefLink entityRef={row.entityRef} />
                  ) : (
                    <em>{name}</em>
                  )}
                </TableCell>
                <TableCell align="right">{row.production}</TableCell>
                <TableCell align="right">{row.monitored}</TableCell>
                <TableCell align="right">{missing}</TableCell>
                <TableCell>
                  {missing > 0 && (
                    <Button
                      size="small"
                      aria-label={words('showUnmonitoredOf', { name })}
                      onClick={() =>
                        props.onShow(row.entityRef ?? COVERAGE_NO_GROUP)
                      }
                    >
                      {words('showUnmonitored')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      </div>
      {list.total > list.items.length && (
        <Typography variant="caption">
          {words('omitted', { shown: list.items.length, total: list.total })}
        </Typography>
      )}
    </>
  );
}

/**
 * How many production components are monitored per Domain, System and
 * owner, most unmonitored first; each row can show its unmonitored
 * components in the list below.
 */
export function CoverageGroups(props: {
  groups: StatusCoverage['groups'];
  words: CoverageWords;
  onShow: (grouping: GroupingKey, entityRef: string) => void;
}) {
  const { groups, words } = props;
  const tables: { key: GroupingKey; caption: string }[] = [
    { key: 'domain', caption: words('byDomain') },
    { key: 'system', caption: words('bySystem') },
    { key: 'owner', caption: words('byOwner') },
  ];
  return (
    <Grid container spacing={2}>
      {tables.map(table => (
        // two side by side where five columns fit, else one per row
        <Grid item xs={12} lg={6} key={table.key} style={{ overflowX: 'auto' }}>
          <GroupTable
            caption={table.caption}
            list={groups[table.key]}
            words={words}
            onShow={ref => props.onShow(table.key, ref)}
          />
        </Grid>
      ))}
    </Grid>
  );
}
