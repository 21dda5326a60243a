import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  displayLevel,
  isMonitored,
  StatusSummaryEntity,
} from '@status-layer/plugin-status-common';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { LevelLabel, StatusEntityLink } from '../common';
import { buildRows, Row } from './filterEntities';
import { Grouping } from './useDashboardState';

const ROW_HEIGHT = 40;

const useStyles = makeStyles(theme => ({
  scroller: {
    height: '65vh',
    minHeight: 320,
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  row: {
    position: 'absolute',
    left: 0,
    width: '100%',
    height: ROW_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
  },
  group: { backgroundColor: theme.palette.background.default },
  name: { minWidth: '16rem', flex: '1 1 16rem', overflow: 'hidden' },
  level: { flex: '0 0 11rem' },
  meta: { flex: '1 1 12rem', overflow: 'hidden', whiteSpace: 'nowrap' },
}));

const isRef = (value: string) => !value.startsWith('(');

function groupTitle(ref: string) {
  if (!isRef(ref)) return ref;
  const parsed = parseEntityRef(ref);
  return humanizeEntityRef(parsed, { defaultKind: parsed.kind });
}

function EntityRow(props: { entity: StatusSummaryEntity }) {
  const classes = useStyles();
  const { entity } = props;
  return (
    <>
      <span className={classes.name}>
        <EntityRefLink entityRef={entity.entityRef} title={entity.title} />
        <Typography variant="caption" color="textSecondary">
          {' '}
          {entity.kind}
        </Typography>
      </span>
      <span className={classes.level}>
        <LevelLabel
          level={displayLevel({
            monitored: isMonitored(entity),
            effective: entity.effective,
          })}
        />
      </span>
      <Typography variant="body2" className={classes.meta} component="span">
        {entity.rootCause && (
          <>
            via <StatusEntityLink entityRef={entity.rootCause} />
          </>
        )}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.meta}
        component="span"
      >
        {entity.owner && groupTitle(entity.owner)}
      </Typography>
    </>
  );
}

/**
 * Every entity that passes the filters, flat or grouped, in a virtualised
 * list: only the rows in view are in the page, so 10,000 entities scroll as
 * lightly as 10.
 */
export function EverythingList(props: {
  entities: StatusSummaryEntity[];
  grouping: Grouping;
}) {
  const classes = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = useMemo(
    () => buildRows(props.entities, props.grouping, collapsed),
    [props.entities, props.grouping, collapsed],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // until the list is measured (and in tests, where nothing is), assume a screenful
    initialRect: { width: 1000, height: 600 },
    getItemKey: index => rows[index].key,
  });
  const toggle = (key: string) =>
    setCollapsed(previous => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const renderRow = (row: Row) => {
    if (row.type === 'entity') return <EntityRow entity={row.entity} />;
    return (
      <>
        <IconButton
          size="small"
          onClick={() => toggle(row.key)}
          aria-expanded={!row.collapsed}
          aria-label={`${row.collapsed ? 'Expand' : 'Collapse'} ${groupTitle(
            row.ref,
          )}`}
        >
          {row.collapsed ? <ChevronRightIcon /> : <ExpandMoreIcon />}
        </IconButton>
        <span className={classes.name}>
          {isRef(row.ref) ? (
            <EntityRefLink entityRef={row.ref} />
          ) : (
            <Typography variant="body2" component="span">
              {row.ref}
            </Typography>
          )}
        </span>
        <span className={classes.level}>
          <LevelLabel level={row.level} />
        </span>
        <Typography variant="body2" className={classes.meta} component="span">
          {row.count} {row.count === 1 ? 'entity' : 'entities'}
        </Typography>
      </>
    );
  };

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      role="list"
      aria-label="Entities"
      data-testid="everything-list"
      data-rows={rows.length}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map(item => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              className={`${classes.row} ${
                row.type === 'group' ? classes.group : ''
              }`}
              style={{
                transform: `translateY(${item.start}px)`,
                paddingLeft: 8 + row.depth * 24,
              }}
            >
              {renderRow(row)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
