import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CoverageList,
  CoverageReason,
  CoverageUnreferencedService,
  StatusCoverage,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useCoverageTableStyles } from './coverageTableStyles';
import { CoverageWords } from './useCoverageWords';

/** A table with a caption and column headers, or a sentence when it is empty. */
function ListTable<T>(props: {
  caption: string;
  empty: string;
  columns: string[];
  list: CoverageList<T>;
  words: CoverageWords;
  row: (item: T) => { key: string; cells: ReactNode[] };
}) {
  const { list, words } = props;
  const classes = useCoverageTableStyles();
  if (!list.items.length)
    return (
      <Typography variant="body2" paragraph>
        <strong>{props.caption}: </strong>
        {props.empty}
      </Typography>
    );
  return (
    <>
      <div className={classes.scroll}>
      <Table size="small" className={classes.table}>
        <caption>{`${props.caption} (${list.total})`}</caption>
        <TableHead>
          <TableRow>
            {props.columns.map(column => (
              <TableCell key={column} component="th" scope="col">
                {column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {list.items.map(item => {
            const { key, cells } = props.row(item);
            return (
              <TableRow key={key}>
                {cells.map((cell, i) =>
                  i === 0 ? (
                    <TableCell key={i} component="th" scope="row">
                      {cell}
                    </TableCell>
                  ) : (
                    <TableCell key={i}>{cell}</TableCell>
                  ),
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      </div>
      {list.total > list.items.length && (
        <Typography variant="caption" paragraph>
          {words('omitted', { shown: list.items.length, total: list.total })}
        </Typography>
      )}
    </>
  );
}

function reasonText(reason: CoverageReason, words: CoverageWords): string {
  if (reason.kind === 'team') return words('reasonTeam', { team: reason.team });
  if (reason.kind === 'escalation_policy')
    return words('reasonPolicy', { policy: reason.policy });
  return words('reasonName');
}

/** The likely entities of a service, why, and an Accept button each when the reader may map. */
function Suggestions(props: {
  service: CoverageUnreferencedService;
  canMap: boolean;
  busy: boolean;
  words: CoverageWords;
  onAccept: (entityRef: string, serviceId: string, account: string) => void;
}) {
  const { service, words } = props;
  if (!service.suggestions.length) return <em>{words('noSuggestion')}</em>;
  return (
    <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
      {service.suggestions.map(s => (
        <li key={s.entityRef}>
          <EntityRefLink entityRef={s.entityRef} defaultKind="component" />:{' '}
          {s.reasons.map(r => reasonText(r, words)).join(', ')}
          {props.canMap && (
            <Button
              size="small"
              disabled={props.busy}
              aria-label={words('acceptOf', {
                service: service.name,
                entity: s.entityRef,
              })}
              onClick={() =>
                props.onAccept(s.entityRef, service.serviceId, service.account)
              }
            >
              {words('accept')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The PagerDuty side of coverage: services no entity names (with their
 * likely entities and the annotation to paste), annotations naming services
 * PagerDuty does not have, and services several entities name.
 */
export function ServiceTables(props: {
  coverage: StatusCoverage;
  busy: boolean;
  words: CoverageWords;
  onAccept: (entityRef: string, serviceId: string, account: string) => void;
}) {
  const { coverage, words } = props;
  return (
    <>
      <ListTable
        caption={words('unreferencedTitle')}
        empty={words('unreferencedEmpty')}
        list={coverage.unreferencedServices}
        words={words}
        columns={[
          words('columnService'),
          words('columnTeams'),
          words('columnPolicy'),
          words('columnSuggestions'),
          words('columnAnnotation'),
        ]}
        row={service => ({
          key: `${service.account}/${service.serviceId}`,
          cells: [
            service.htmlUrl ? (
              <Link to={service.htmlUrl}>{service.name}</Link>
            ) : (
              service.name
            ),
            service.teams.join(', '),
            service.escalationPolicy ?? '',
            <Suggestions
              service={service}
              canMap={coverage.canMap}
              busy={props.busy}
              words={words}
              onAccept={props.onAccept}
            />,
            <code style={{ whiteSpace: 'pre' }}>
              {service.annotation.join('\n')}
            </code>,
          ],
        })}
      />
      <ListTable
        caption={words('unknownTitle')}
        empty={words('unknownEmpty')}
        list={coverage.unknownServices}
        words={words}
        columns={[
          words('columnEntity'),
          words('columnAccount'),
          words('columnServiceId'),
          words('columnProblem'),
        ]}
        row={u => ({
          key: `${u.entityRef}/${u.account}/${u.serviceId}`,
          cells: [
            <EntityRefLink entityRef={u.entityRef} defaultKind="component" />,
            u.account,
            u.serviceId,
            u.reason === 'unknown_account'
              ? words('unknownAccount')
              : words('unknownService'),
          ],
        })}
      />
      <ListTable
        caption={words('sharedTitle')}
        empty={words('sharedEmpty')}
        list={coverage.sharedServices}
        words={words}
        columns={[
          words('columnService'),
          words('columnAccount'),
          words('columnEntities'),
        ]}
        row={s => ({
          key: `${s.account}/${s.serviceId}`,
          cells: [
            s.name ? `${s.name} (${s.serviceId})` : s.serviceId,
            s.account,
            s.entityRefs.map((ref, i) => (
              <span key={ref}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={ref} defaultKind="component" />
              </span>
            )),
          ],
        })}
      />
    </>
  );
}
