import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DependencyGraphTypes } from '@backstage/core-components';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
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
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  DisplayLevel,
  LevelLabel,
  SectionWords,
  StatusNode,
  useEntityRoute,
  useStatusTabWords,
} from '../common';
import { STATUS_TAB_MESSAGES } from '../../translations/statusTab';
import { brokenUpstreams, listUpstreams, UpstreamEntry } from './upstreamDag';
import { ReportProblemButton } from '../Report';

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
// Deeper graphs become unreadable; the list beside it goes as deep as the API.
const GRAPH_DEPTH = 2;

/** The words of the Status tab, for the summaries worded outside a component. */
type StatusTabWords = SectionWords<keyof typeof STATUS_TAB_MESSAGES>;

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

/** One upstream in the list: link, level, and what is special about it. */
function UpstreamItem(props: {
  entry: UpstreamEntry;
  showVia: boolean;
  /** The page's entity, which reports a problem with this upstream. */
  affected?: string;
}) {
  const classes = useStyles();
  const t = useStatusTabWords();
  const { entry } = props;
  return (
    <li className={classes.node}>
      <span className={classes.item}>
        <EntityRefLink entityRef={entry.ref} defaultKind="component" />
        <LevelLabel level={entry.level} />
        {props.showVia && entry.via.length > 0 && (
          <Typography variant="caption" color="textSecondary">
            {t('via', {
              path: entry.via
                .map(ref => humanizeEntityRef(parseEntityRef(ref)))
                .join(' → '),
            })}
          </Typography>
        )}
        {entry.critical && (
          <Typography variant="caption" color="textSecondary">
            {t('criticalDependency')}
          </Typography>
        )}
        {entry.inCycle && (
          <Typography variant="caption" color="textSecondary">
            {t('inCycle')}
          </Typography>
        )}
        {entry.truncated && (
          <Typography variant="caption" color="textSecondary">
            {t('truncated')}
          </Typography>
        )}
        {props.affected && (
          <ReportProblemButton
            target={entry.ref}
            affected={props.affected}
            short
          />
        )}
      </span>
    </li>
  );
}

/**
 * The upstreams as a list, each once however many paths reach it (the
 * accessible twin of the graph): those not operational, worst first, each
 * with the way to it; every upstream, nearest first, on request.
 */
export function UpstreamList(props: {
  nodes: UpstreamNode[];
  /** The page's entity: each upstream offers to report a problem with it. */
  affected?: string;
}) {
  const classes = useStyles();
  const t = useStatusTabWords();
  const [all, setAll] = useState(false);
  const entries = listUpstreams(props.nodes);
  const broken = brokenUpstreams(entries);
  return (
    <>
      {broken.length === 0 ? (
        <Typography variant="body2" paragraph>
          {t('everyUpstreamOperational')}
        </Typography>
      ) : (
        <ul className={classes.tree} aria-label={t('upstreamsNotOperational')}>
          {broken.map(entry => (
            <UpstreamItem
              key={entry.ref}
              entry={entry}
              showVia
              affected={props.affected}
            />
          ))}
        </ul>
      )}
      <Button
        size="small"
        onClick={() => setAll(!all)}
        aria-expanded={all}
        aria-controls="status-all-upstreams"
      >
        {all ? t('hideFullList') : t('allUpstreams', { count: entries.length })}
      </Button>
      {all && (
        <ul
          className={classes.tree}
          id="status-all-upstreams"
          aria-label={t('allUpstreamsNearestFirst')}
        >
          {entries.map(entry => (
            <UpstreamItem
              key={entry.ref}
              entry={entry}
              showVia={false}
              affected={props.affected}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** What the downstream section says while closed. */
export function blastRadiusSummary(
  status: EntityStatus,
  t: StatusTabWords,
): string {
  const params = {
    dependents: status.dependentCount,
    impacted: status.impactedCount ?? status.impacted.length,
  };
  return status.dependentCountAtLeast
    ? t('downstreamSummaryAtLeast', params)
    : t('downstreamSummary', params);
}

/** How many entities depend on this one and which of them are impacted now. */
export function BlastRadius(props: { status: EntityStatus }) {
  const classes = useStyles();
  const t = useStatusTabWords();
  const { impacted, dependentCount } = props.status;
  // the backend lists the worst 50 and counts them all
  const impactedCount = props.status.impactedCount ?? impacted.length;
  const shown = impacted.slice(0, 50);
  return (
    <>
      <Typography variant="body1" paragraph>
        {dependentCount === 0
          ? t('noDependents')
          : t('blastRadius', {
              dependents: t(
                props.status.dependentCountAtLeast
                  ? 'dependentsAtLeast'
                  : 'dependents',
                { count: dependentCount },
              ),
              impacted: t('impactedNow', { count: impactedCount }),
            })}
      </Typography>
      {shown.length > 0 && (
        <ul className={classes.tree} aria-label={t('impactedDependents')}>
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
          {t('andMore', { count: impactedCount - shown.length })}
        </Typography>
      )}
    </>
  );
}

/** The upstream graph beside the list of upstreams. */
export function Upstreams(props: {
  status: EntityStatus;
  entityRef: CompoundEntityRef;
}) {
  const { status } = props;
  const t = useStatusTabWords();
  const levels = collectLevels(status.upstreams, new Map());
  const all = new Map<string, DisplayLevel>(levels);
  all.set(
    status.entityRef,
    displayLevel({
      monitored: status.monitored,
      effective: status.levels.effective,
    }),
  );
  if (status.upstreams.length === 0)
    return <Typography variant="body2">{t('noUpstreams')}</Typography>;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={8}>
        <Typography variant="caption" color="textSecondary" component="div">
          {t('graphHint', { depth: GRAPH_DEPTH })}
        </Typography>
        <UpstreamGraph entityRef={props.entityRef} levels={all} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <UpstreamList nodes={status.upstreams} affected={status.entityRef} />
      </Grid>
    </Grid>
  );
}

/** What the upstream section says while closed: how many are not operational. */
export function upstreamSummary(
  status: EntityStatus,
  t: StatusTabWords,
): string {
  const entries = listUpstreams(status.upstreams);
  if (!entries.length) return t('upstreamSummaryNone');
  const broken = brokenUpstreams(entries).length;
  return broken
    ? t('upstreamSummaryBroken', { broken, total: entries.length })
    : t('upstreamSummaryOperational', { total: entries.length });
}
