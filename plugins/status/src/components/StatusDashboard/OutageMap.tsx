import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DependencyGraphTypes, EmptyState } from '@backstage/core-components';
import {
  Direction,
  EntityNode,
  EntityRelationsGraph,
} from '@backstage/plugin-catalog-graph';
import { StatusSummary } from '@status-layer/plugin-status-common';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { DisplayLevel, StatusNode, useStatusTabLink } from '../common';

const useStyles = makeStyles({ graph: { height: '70vh', minHeight: 400 } });

// from a root cause to what depends on it, directly or through an API it provides
const RELATIONS = ['dependencyOf', 'providesApi', 'apiConsumedBy'];

/**
 * The impacted subgraph of the current outages: each root cause and the
 * entities it impacts, coloured by level, laid out by the catalog graph.
 */
export function OutageMap(props: { summary: StatusSummary }) {
  const classes = useStyles();
  const navigate = useNavigate();
  const statusTab = useStatusTabLink();
  const { summary } = props;
  const { roots, levels, inMap } = useMemo(() => {
    const rootRefs = summary.problems
      .filter(p => p.impactedCount > 0)
      .map(p => p.entityRef);
    const levelOf = new Map<string, DisplayLevel>(
      summary.entities.map(e => [e.entityRef, e.effective]),
    );
    const members = new Set<string>(rootRefs);
    for (const e of summary.entities) {
      if (e.inherited !== 'operational') members.add(e.entityRef);
      // impact passes from a provider through its API to the consumers
      if (e.kind === 'API') members.add(e.entityRef);
    }
    return {
      roots: rootRefs.map(ref => parseEntityRef(ref)),
      levels: levelOf,
      inMap: members,
    };
  }, [summary]);

  if (roots.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No outage spreads right now"
        description="No entity in an outage has dependents that it impacts."
      />
    );
  }
  const renderNode: DependencyGraphTypes.RenderNodeFunction<EntityNode> = ({
    node,
  }) => (
    <StatusNode
      node={node}
      level={levels.get(stringifyEntityRef(node.entity))}
    />
  );
  return (
    <EntityRelationsGraph
      className={classes.graph}
      rootEntityNames={roots}
      maxDepth={Number.POSITIVE_INFINITY}
      unidirectional
      mergeRelations
      relations={RELATIONS}
      entityFilter={entity => inMap.has(stringifyEntityRef(entity))}
      direction={Direction.LEFT_RIGHT}
      renderNode={renderNode}
      zoom="enable-on-click"
      onNodeClick={node => {
        const link = statusTab(stringifyEntityRef(node.entity));
        if (link) navigate(link);
      }}
    />
  );
}
