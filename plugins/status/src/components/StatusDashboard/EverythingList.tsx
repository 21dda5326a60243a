import { Link } from '@backstage/core-components';
import {
  humanizeEntityRef,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  HealthLevel,
  HIDDEN_ENTITY_REF,
  StatusGrouping,
  StatusSummaryEntity,
  StatusSummaryQuery,
  StatusSummaryRow,
  summaryEntityLevel,
} from '@status-layer/plugin-status-common';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import {
  LevelLabel,
  levelColor,
  useLevelWords,
  StatusEntityLink,
  useDashboardWords,
  useSummaryRows,
} from '../common';
import { BudgetBadge } from '../Objective';

const ROW_HEIGHT = 40;
/** Days in each row's compact history. */
const RECENT_DAYS = 7;

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
  recent: { flex: '0 0 auto', display: 'inline-flex', gap: 2 },
  budget: { flex: '0 0 10rem', overflow: 'hidden' },
  day: { width: 8, height: 16, borderRadius: 1 },
}));

/** The last days' worst levels as small squares, oldest first, said in words for screen readers. */
function RecentDays(props: { levels: (HealthLevel | null)[] }) {
  const classes = useStyles();
  const levelWords = useLevelWords();
  const t = useDashboardWords();
  const theme = useTheme();
  const words = props.levels
    .map(l => (l ? levelWords.label(l) : t('noData')))
    .join(', ');
  const count = props.levels.length;
  return (
    <span
      className={classes.recent}
      role="img"
      aria-label={t('recentDaysLabel', { count, levels: words })}
      title={t('recentDaysTitle', { count, levels: words })}
    >
      {props.levels.map((level, i) => (
        <span
          key={i}
          className={classes.day}
          style={{
            background: level
              ? levelColor(theme, level)
              : theme.palette.action.disabledBackground,
          }}
        />
      ))}
    </span>
  );
}

const isRef = (value: string) => !value.startsWith('(');

function groupTitle(ref: string) {
  if (!isRef(ref)) return ref;
  const parsed = parseEntityRef(ref);
  return humanizeEntityRef(parsed, { defaultKind: parsed.kind });
}

/**
 * A plain link to an entity, named from what the row already holds. The
 * catalog's EntityRefLink looks each entity up and wraps it in styled boxes
 * and a tooltip: in a list whose rows all change on every filter change,
 * that was most of the time the browser spent on it.
 */
function RowLink(props: { entityRef: string; text: string }) {
  const entityLink = useEntityRefLink();
  return <Link to={entityLink(props.entityRef)}>{props.text}</Link>;
}

function EntityRow(props: { entity: StatusSummaryEntity }) {
  const classes = useStyles();
  const t = useDashboardWords();
  const { entity } = props;
  return (
    <>
      <span className={classes.name}>
        <RowLink
          entityRef={entity.entityRef}
          text={entity.title ?? groupTitle(entity.entityRef)}
        />
        <Typography variant="caption" color="textSecondary">
          {' '}
          {entity.kind}
        </Typography>
      </span>
      <span className={classes.level}>
        <LevelLabel level={summaryEntityLevel(entity)} />
      </span>
      {entity.recent && <RecentDays levels={entity.recent} />}
      <span className={classes.budget}>
        {entity.budget && (
          <BudgetBadge entityRef={entity.entityRef} budget={entity.budget} />
        )}
      </span>
      <Typography variant="body2" className={classes.meta} component="span">
        {entity.rootCause && (
          <>
            {t('viaLabel')}{' '}
            {entity.rootCause === HIDDEN_ENTITY_REF ? (
              <StatusEntityLink entityRef={entity.rootCause} />
            ) : (
              <RowLink
                entityRef={entity.rootCause}
                text={groupTitle(entity.rootCause)}
              />
            )}
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
 * list whose rows the backend groups and sends a page at a time: only the
 * rows in view are in the page or on the wire, so 10,000 entities scroll as
 * lightly as 10.
 */
export function EverythingList(props: {
  query: StatusSummaryQuery;
  grouping: StatusGrouping;
  /** Entities in scope before the filters, for "N of M entities". */
  outOf: number;
  /** Said after the count, e.g. whose teams the scope is. */
  scopeNote?: string;
}) {
  const classes = useStyles();
  const t = useDashboardWords();
  const scroller = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<string[]>([]);
  const rows = useSummaryRows({
    ...props.query,
    grouping: props.grouping,
    collapsed,
    historyDays: RECENT_DAYS,
  });
  const count = rows.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // until the list is measured (and in tests, where nothing is), assume a screenful
    initialRect: { width: 1000, height: 600 },
    getItemKey: index => rows.rowAt(index)?.key ?? `row-${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { show } = rows;
  useEffect(() => show(first, last), [show, first, last]);

  const toggle = (key: string) =>
    setCollapsed(previous =>
      previous.includes(key)
        ? previous.filter(k => k !== key)
        : [...previous, key],
    );

  const renderRow = (row: StatusSummaryRow) => {
    if (row.type === 'entity') return <EntityRow entity={row.entity} />;
    return (
      <>
        <IconButton
          size="small"
          onClick={() => toggle(row.key)}
          aria-expanded={!row.collapsed}
          aria-label={t(row.collapsed ? 'expandGroup' : 'collapseGroup', {
            name: groupTitle(row.ref),
          })}
        >
          {row.collapsed ? <ChevronRightIcon /> : <ExpandMoreIcon />}
        </IconButton>
        <span className={classes.name}>
          {isRef(row.ref) ? (
            <RowLink entityRef={row.ref} text={groupTitle(row.ref)} />
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
          {t('entityCount', { count: row.count })}
        </Typography>
      </>
    );
  };

  return (
    <>
      <Typography variant="body2" paragraph role="status">
        {rows.entities === undefined
          ? t('loadingEntities')
          : t(props.scopeNote ? 'entitiesOutOfScoped' : 'entitiesOutOf', {
              shown: rows.entities,
              count: props.outOf,
              scope: props.scopeNote ?? '',
            })}
      </Typography>
      {rows.error && (
        <Typography variant="body2" color="error" paragraph>
          {t('listFailed', { error: rows.error.message })}
        </Typography>
      )}
      <div
        ref={scroller}
        className={classes.scroller}
        role="list"
        aria-label={t('entitiesLabel')}
        aria-busy={!rows.current}
        data-testid="everything-list"
        data-rows={rows.total ?? ''}
      >
        <div
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map(item => {
            const row = rows.rowAt(item.index);
            return (
              <div
                key={item.key}
                role="listitem"
                className={`${classes.row} ${
                  row?.type === 'group' ? classes.group : ''
                }`}
                style={{
                  transform: `translateY(${item.start}px)`,
                  paddingLeft: 8 + (row?.depth ?? 0) * 24,
                }}
              >
                {row ? (
                  renderRow(row)
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    {t('loadingRow')}
                  </Typography>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
