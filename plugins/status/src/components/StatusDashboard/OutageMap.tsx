import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DependencyGraphTypes, EmptyState } from '@backstage/core-components';
import {
  Direction,
  EntityNode,
  EntityRelationsGraph,
} from '@backstage/plugin-catalog-graph';
import {
  DOWNSTREAM_RELATIONS,
  HIDDEN_ENTITY_REF,
  OUTAGES_WORST_FIRST,
  StatusSummary,
  StatusSummaryQuery,
} from '@status-layer/plugin-status-common';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  DisplayLevel,
  Loaded,
  StatusNode,
  useDashboardWords,
  useStatusTabLink,
  useSummary,
} from '../common';

const useStyles = makeStyles({ graph: { height: '70vh', minHeight: 400 } });

// from a root cause to what depends on it, directly or through an API it provides
const RELATIONS = [...DOWNSTREAM_RELATIONS];

/** The levels the map is made of: everything that is not operational. */
const NOT_OPERATIONAL: StatusSummaryQuery = {
  level: [...OUTAGES_WORST_FIRST],
};
/** The most entities the map asks for; a bigger outage is not readable as a graph anyway. */
const MAP_ENTITIES = { limit: 5000 };

/**
 * The impacted subgraph of the current outages: each root cause and the
 * entities it impacts, coloured by level, laid out by the catalog graph.
 * It reads the entities that are not operational on its own, only while it
 * is shown.
 */
export function OutageMap() {
  const polled = useSummary(NOT_OPERATIONAL, MAP_ENTITIES);
  const t = useDashboardWords();
  return (
    <Loaded polled={polled} what={t('whatOutageMap')}>
      {summary => <OutageGraph summary={summary} />}
    </Loaded>
  );
}

function OutageGraph(props: { summary: StatusSummary }) {
  const classes = useStyles();
  const navigate = useNavigate();
  const statusTab = useStatusTabLink();
  const t = useDashboardWords();
  const { summary } = props;
  const { roots, levels, inMap } = useMemo(() => {
    // a root cause is named by what it impacts
    const rootRefs = new Set(
      summary.entities.flatMap(e =>
        e.rootCause && e.rootCause !== HIDDEN_ENTITY_REF ? [e.rootCause] : [],
      ),
    );
    const levelOf = new Map<string, DisplayLevel>(
      summary.entities.map(e => [e.entityRef, e.effective]),
    );
    const members = new Set<string>(rootRefs);
    for (const e of summary.entities)
      if (e.inherited !== 'operational') members.add(e.entityRef);
    return {
      roots: [...rootRefs].map(ref => parseEntityRef(ref)),
      levels: levelOf,
      inMap: members,
    };
  }, [summary]);

  if (roots.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('noSpreadingOutage')}
        description={t('noSpreadingOutageDescription')}
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
      // impact passes from a provider through its API to the consumers
      entityFilter={entity =>
        entity.kind === 'API' || inMap.has(stringifyEntityRef(entity))
      }
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
