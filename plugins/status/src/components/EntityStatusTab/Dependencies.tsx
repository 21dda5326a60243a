import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DependencyGraphTypes, InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Direction,
  EntityNode,
  EntityRelationsGraph,
} from '@backstage/plugin-catalog-graph';
import {
  displayLevel,
  EntityStatus,
  HealthLevel,
  UPSTREAM_RELATIONS,
  UpstreamNode,
} from '@status-layer/plugin-status-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useNavigate } from 'react-router-dom';
import {
  DisplayLevel,
  LevelLabel,
  StatusNode,
  useEntityRoute,
} from '../common';

const useStyles = makeStyles(theme => ({
  graph: { height: 480, minHeight: 320 },
  tree: { margin: 0, paddingLeft: theme.spacing(2), listStyle: 'none' },
  node: { padding: theme.spacing(0.25, 0) },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

// from an entity to what it depends on, directly or through an API it consumes
const RELATIONS = [...UPSTREAM_RELATIONS];
// Deeper graphs become unreadable; the list beside it goes four levels deep.
const GRAPH_DEPTH = 2;

/** Whether a node and everything above it is operational. */
function allOperational(node: UpstreamNode): boolean {
  return (
    node.levels.effective === 'operational' &&
    node.upstreams.every(allOperational)
  );
}

function countNodes(nodes: UpstreamNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.upstreams), 0);
}

function collectLevels(
  nodes: UpstreamNode[],
  into: Map<string, HealthLevel>,
): Map<string, HealthLevel> {
  for (const node of nodes) {
    into.set(node.ref, node.levels.effective);
    collectLevels(node.upstreams, into);
  }
  return into;
}

/** The upstream graph coloured by level, built on the catalog graph. */
export function UpstreamGraph(props: {
  entityRef: CompoundEntityRef;
  levels: Map<string, DisplayLevel>;
}) {
  const classes = useStyles();
  const navigate = useNavigate();
  const entityRoute = useEntityRoute();
  const renderNode: DependencyGraphTypes.RenderNodeFunction<EntityNode> = ({
    node,
  }) => (
    <StatusNode
      node={node}
      level={props.levels.get(stringifyEntityRef(node.entity))}
    />
  );
  return (
    <EntityRelationsGraph
      className={classes.graph}
      rootEntityNames={props.entityRef}
      maxDepth={GRAPH_DEPTH}
      unidirectional
      mergeRelations
      relations={RELATIONS}
      direction={Direction.LEFT_RIGHT}
      renderNode={renderNode}
      zoom="enable-on-click"
      onNodeClick={node => {
        if (!entityRoute) return;
        navigate(
          entityRoute({
            kind: node.entity.kind.toLocaleLowerCase('en-US'),
            namespace: node.entity.metadata.namespace ?? 'default',
            name: node.entity.metadata.name,
          }),
        );
      }}
    />
  );
}

/**
 * The upstream tree as a nested list: the accessible twin of the graph. A
 * subtree that is operational throughout is folded into a count, so what is
 * broken stands out.
 */
export function UpstreamList(props: { nodes: UpstreamNode[] }) {
  const classes = useStyles();
  if (props.nodes.length === 0) return null;
  return (
    <ul className={classes.tree}>
      {props.nodes.map(node => {
        const folded = allOperational(node) ? countNodes(node.upstreams) : 0;
        return (
          <li key={node.ref} className={classes.node}>
            <span className={classes.item}>
              <EntityRefLink entityRef={node.ref} defaultKind="component" />
              <LevelLabel level={node.levels.effective} />
              {node.critical && (
                <Typography variant="caption" color="textSecondary">
                  critical dependency
                </Typography>
              )}
              {node.cycle && (
                <Typography variant="caption" color="textSecondary">
                  (cycle: already listed above)
                </Typography>
              )}
              {node.truncated && (
                <Typography variant="caption" color="textSecondary">
                  (further upstreams not shown)
                </Typography>
              )}
              {folded > 0 && (
                <Typography variant="caption" color="textSecondary">
                  (+{folded} upstream{folded === 1 ? '' : 's'}, all operational)
                </Typography>
              )}
            </span>
            {folded === 0 && <UpstreamList nodes={node.upstreams} />}
          </li>
        );
      })}
    </ul>
  );
}

/** How many entities depend on this one and which of them are impacted now. */
export function BlastRadius(props: { status: EntityStatus }) {
  const classes = useStyles();
  const { impacted, dependentCount } = props.status;
  // the backend lists the worst 50 and counts them all
  const impactedCount = props.status.impactedCount ?? impacted.length;
  const shown = impacted.slice(0, 50);
  return (
    <InfoCard title="Downstream impact">
      <Typography variant="body1" paragraph>
        {dependentCount === 0
          ? 'Nothing in the catalog depends on this.'
          : `${
              props.status.dependentCountAtLeast ? 'At least ' : ''
            }${dependentCount} ${
              dependentCount === 1 ? 'entity depends' : 'entities depend'
            } on this; ${impactedCount} ${
              impactedCount === 1 ? 'is' : 'are'
            } currently impacted.`}
      </Typography>
      {shown.length > 0 && (
        <ul className={classes.tree} aria-label="Impacted dependents">
          {shown.map(i => (
            <li key={i.entityRef} className={classes.item}>
              <EntityRefLink entityRef={i.entityRef} defaultKind="component" />
              <LevelLabel level={i.level} />
            </li>
          ))}
        </ul>
      )}
      {impactedCount > shown.length && (
        <Typography variant="body2" color="textSecondary">
          and {impactedCount - shown.length} more
        </Typography>
      )}
    </InfoCard>
  );
}

/** Upstream graph and list side by side, and the downstream impact. */
export function Dependencies(props: {
  status: EntityStatus;
  entityRef: CompoundEntityRef;
}) {
  const { status } = props;
  const levels = collectLevels(status.upstreams, new Map());
  const all = new Map<string, DisplayLevel>(levels);
  all.set(
    status.entityRef,
    displayLevel({
      monitored: status.monitored,
      effective: status.levels.effective,
    }),
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={8}>
        <InfoCard
          title="Upstream dependencies"
          subheader={`${GRAPH_DEPTH} levels; select a node to open it`}
          noPadding
        >
          {status.upstreams.length === 0 ? (
            <Typography variant="body2" style={{ padding: 16 }}>
              This entity depends on nothing in the catalog.
            </Typography>
          ) : (
            <UpstreamGraph entityRef={props.entityRef} levels={all} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={4}>
        <InfoCard title="Upstreams by level">
          {status.upstreams.length === 0 ? (
            <Typography variant="body2">None</Typography>
          ) : (
            <UpstreamList nodes={status.upstreams} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <BlastRadius status={status} />
      </Grid>
    </Grid>
  );
}
