import { StatusOK, StatusWarning } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CoverageComponent,
  StatusCoverage,
} from '@status-layer/plugin-status-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { monitoredByText, pagerDutyText } from './componentRows';
import { useCoverageTableStyles } from './coverageTableStyles';
import { CoverageWords } from './useCoverageWords';

/** A PagerDuty service ID typed in, and the button that maps it. */
function MapInput(props: {
  entityRef: string;
  words: CoverageWords;
  busy: boolean;
  onMap: (entityRef: string, serviceId: string) => void;
}) {
  const { entityRef, words } = props;
  const [serviceId, setServiceId] = useState('');
  const submit = () => {
    if (serviceId.trim()) props.onMap(entityRef, serviceId.trim());
  };
  return (
    <form
      onSubmit={e => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField
        size="small"
        label={words('mapLabel')}
        value={serviceId}
        inputProps={{
          'aria-label': words('mapLabelOf', { entity: entityRef }),
          maxLength: 32,
        }}
        onChange={e => setServiceId(e.target.value)}
      />
      <Button
        type="submit"
        size="small"
        disabled={props.busy || !serviceId.trim()}
      >
        {words('mapButton')}
      </Button>
    </form>
  );
}

function MonitoredCell(props: {
  component: CoverageComponent;
  words: CoverageWords;
}) {
  const text = monitoredByText(props.component, props.words);
  // the words say it; the icon only repeats it
  return props.component.monitoredBy.length ? (
    <StatusOK>{text}</StatusOK>
  ) : (
    <StatusWarning>{text}</StatusWarning>
  );
}

/**
 * A page of the components the filters select, most dependents first: what
 * watches each, where its PagerDuty mapping comes from, and, for those with
 * none when the reader may map, a field to map one.
 */
export function CoverageComponents(props: {
  components: StatusCoverage['components'];
  canMap: boolean;
  busy: boolean;
  words: CoverageWords;
  onMap: (entityRef: string, serviceId: string) => void;
  onUnmap: (entityRef: string) => void;
  onPage: (offset: number) => void;
}) {
  const { components, words } = props;
  const classes = useCoverageTableStyles();
  const { offset, limit, total, items } = components;
  if (!items.length)
    return (
      <Typography variant="body2" paragraph>
        {words('componentsEmpty')}
      </Typography>
    );
  return (
    <>
      <div className={classes.scroll}>
      <Table size="small" className={classes.table} data-testid="coverage-components">
        <caption>
          {words('componentsCaption', {
            from: offset + 1,
            to: offset + items.length,
            total,
          })}
        </caption>
        <TableHead>
          <TableRow>
            {(
              [
                'columnComponent',
                'columnLifecycle',
                'columnOwner',
                'columnSystem',
                'columnMonitoredBy',
                'columnDependents',
                'columnPagerDuty',
              ] as const
            ).map(key => (
              <TableCell
                key={key}
                component="th"
                scope="col"
                align={key === 'columnDependents' ? 'right' : undefined}
              >
                {words(key)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(c => (
            <TableRow key={c.entityRef}>
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={c.entityRef} defaultKind="component" />
                {c.misconfigured && (
                  <Typography variant="caption" component="div">
                    {words('misconfigured')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{c.lifecycle}</TableCell>
              <TableCell>
                {c.owner && <EntityRefLink entityRef={c.owner} />}
              </TableCell>
              <TableCell>
                {c.system && <EntityRefLink entityRef={c.system} />}
              </TableCell>
              <TableCell>
                <MonitoredCell component={c} words={words} />
              </TableCell>
              <TableCell align="right">{c.dependents}</TableCell>
              <TableCell>
                {pagerDutyText(c, words)}
                {props.canMap &&
                  (c.pagerDuty?.mappedBy === 'portal' || c.pendingMapping) && (
                    <Button
                      size="small"
                      disabled={props.busy}
                      aria-label={words('unmapButtonOf', {
                        entity: c.entityRef,
                      })}
                      onClick={() => props.onUnmap(c.entityRef)}
                    >
                      {words('unmapButton')}
                    </Button>
                  )}
                {props.canMap && !c.pagerDuty && !c.pendingMapping && (
                  <MapInput
                    entityRef={c.entityRef}
                    words={words}
                    busy={props.busy}
                    onMap={props.onMap}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      </div>
      <Button
        disabled={offset === 0}
        onClick={() => props.onPage(Math.max(0, offset - limit))}
      >
        {words('previous')}
      </Button>
      <Button
        disabled={offset + limit >= total}
        onClick={() => props.onPage(offset + limit)}
      >
        {words('next')}
      </Button>
    </>
  );
}
