import { TableColumn } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityNode } from '@backstage/plugin-catalog-graph';
import Typography from '@material-ui/core/Typography';
import { displayLevel, isMonitored } from '@status-layer/plugin-status-common';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import {
  LevelLabel,
  StatusNode,
  useDashboardWords,
  useResource,
  VisuallyHidden,
} from '../common';
import { BudgetBadge } from '../Objective';
import { entityLevelsLoaderFor, LoadedLevel } from './EntityLevelsLoader';

/** The level a catalog row or node shows: not monitored and misconfigured apart from operational. */
const loadedDisplayLevel = (level: NonNullable<LoadedLevel>) =>
  displayLevel({
    monitored: isMonitored(level),
    effective: level.effective,
    misconfigured: level.misconfigured,
  });

/**
 * An entity's levels, read with the page's other entities in one request:
 * the catalog's batch loader, behind the shared read path. A cell draws its
 * own quiet states rather than `Loaded`'s progress bar and error panel.
 */
export function useEntityLevel(entityRef: string) {
  return useResource(
    (api): Promise<LoadedLevel> => entityLevelsLoaderFor(api).load(entityRef),
    [entityRef],
  );
}

const useCellStyles = makeStyles(theme => ({
  cell: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  upstream: {
    display: 'inline-flex',
    color: theme.palette.text.secondary,
  },
}));

/**
 * An entity's status in a table cell: its level, "via an upstream" when the
 * level is inherited, its error budget left when it has an objective (the
 * whole of it in a tooltip), a dash when it has none (or the reader may not
 * see it).
 */
export function EntityStatusCell(props: { entityRef: string }) {
  const classes = useCellStyles();
  const level = useEntityLevel(props.entityRef);
  const t = useDashboardWords();
  if (level.loading) return null;
  if (level.error) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('statusUnavailable')}
      </Typography>
    );
  }
  if (!level.value) {
    return (
      <Typography variant="body2" color="textSecondary" title={t('noStatus')}>
        —
      </Typography>
    );
  }
  // one line at the catalog's default widths: the short name, the full one
  // (and whether it comes from an upstream) in the tooltip
  return (
    <span
      data-testid={`catalog-status-${props.entityRef}`}
      className={classes.cell}
    >
      <LevelLabel level={loadedDisplayLevel(level.value)} short />
      {level.value.inherited && (
        <Tooltip title={t('viaUpstream')}>
          <span className={classes.upstream}>
            <ArrowUpwardIcon fontSize="inherit" aria-hidden />
            <VisuallyHidden>{t('viaUpstream')}</VisuallyHidden>
          </span>
        </Tooltip>
      )}
      {level.value.budget && (
        <BudgetBadge entityRef={props.entityRef} budget={level.value.budget} />
      )}
    </span>
  );
}

/** The Status column's heading in the reader's language. */
function StatusColumnTitle() {
  const t = useDashboardWords();
  return <>{t('statusColumn')}</>;
}

/**
 * A "Status" column for the catalog's table
 * (`CatalogIndexPage`'s `columns`): each row's level, its page's rows read in
 * one request.
 *
 * @public
 */
export function createStatusCatalogColumn<
  T extends { entity: Entity },
>(): TableColumn<T> {
  return {
    title: <StatusColumnTitle />,
    field: 'status',
    sorting: false,
    render: row => (
      <EntityStatusCell entityRef={stringifyEntityRef(row.entity)} />
    ),
  };
}

/** A catalog graph node in its entity's level. */
function StatusGraphNode(props: { node: EntityNode }) {
  const level = useEntityLevel(stringifyEntityRef(props.node.entity));
  return (
    <StatusNode
      node={props.node}
      level={level.value ? loadedDisplayLevel(level.value) : undefined}
    />
  );
}

/**
 * A `renderNode` for the catalog graph (`EntityCatalogGraphCard`,
 * `CatalogGraphPage`) that draws each entity in its level's colour, named
 * with its level.
 *
 * @public
 */
export function renderStatusGraphNode(props: { node: EntityNode }) {
  return <StatusGraphNode node={props.node} />;
}
