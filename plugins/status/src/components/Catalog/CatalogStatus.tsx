import { TableColumn } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityNode } from '@backstage/plugin-catalog-graph';
import Typography from '@material-ui/core/Typography';
import { displayLevel, isMonitored } from '@status-layer/plugin-status-common';
import { LevelLabel, StatusNode, useResource } from '../common';
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

/**
 * An entity's status in a table cell: its level, "via an upstream" when the
 * level is inherited, a dash when it has none (or the reader may not see it).
 */
export function EntityStatusCell(props: { entityRef: string }) {
  const level = useEntityLevel(props.entityRef);
  if (level.loading) return null;
  if (level.error) {
    return (
      <Typography variant="body2" color="textSecondary">
        Status unavailable
      </Typography>
    );
  }
  if (!level.value) {
    return (
      <Typography variant="body2" color="textSecondary" title="No status">
        —
      </Typography>
    );
  }
  return (
    <span data-testid={`catalog-status-${props.entityRef}`}>
      <LevelLabel level={loadedDisplayLevel(level.value)} />
      {level.value.inherited && (
        <Typography variant="caption" color="textSecondary" component="div">
          via an upstream
        </Typography>
      )}
    </span>
  );
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
    title: 'Status',
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
