import { FollowButton } from '../Follow';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  compareLevels,
  StatusRollup,
  StatusRollupMember,
} from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FreshnessSummary,
  LevelCounts,
  LevelLabel,
  useLevelWords,
  OwnerContacts,
  StatusEntityLink,
} from '../common';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  problem: { marginBottom: theme.spacing(2) },
}));

const columns: TableColumn<StatusRollupMember>[] = [
  {
    title: 'Entity',
    field: 'name',
    highlight: true,
    render: m => <EntityRefLink entityRef={m.entityRef} title={m.title} />,
  },
  {
    title: 'Level',
    field: 'levels.effective',
    customSort: (a, b) => compareLevels(a.levels.effective, b.levels.effective),
    render: m => <LevelLabel level={m.displayLevel} />,
  },
  {
    title: 'Why',
    field: 'rootCauses',
    sorting: false,
    render: m => {
      if (m.rootCauses.length === 0)
        return m.activeIncidents
          ? `${m.activeIncidents} active incident${
              m.activeIncidents === 1 ? '' : 's'
            } of its own`
          : '';
      const top = m.rootCauses[0];
      return (
        <span>
          impacted by <StatusEntityLink entityRef={top.entityRef} />, {top.hops}{' '}
          hop{top.hops === 1 ? '' : 's'} upstream
          {m.rootCauses.length > 1 && ` (+${m.rootCauses.length - 1} more)`}
        </span>
      );
    },
  },
  { title: 'Incidents', field: 'activeIncidents', type: 'numeric' },
];

const TITLES: Record<string, string> = {
  system: 'Parts of this system',
  domain: 'Systems of this domain',
  group: 'Services you own',
};

/** A System's parts, a Domain's Systems or a Group's services, worst first. */
export function RollupView(props: { rollup: StatusRollup }) {
  const classes = useStyles();
  const levels = useLevelWords();
  const { rollup } = props;
  const kind = rollup.entityRef.split(':')[0];
  return (
    <>
      <InfoCard
        title="Roll-up"
        action={
          <FollowButton
            entityRef={rollup.entityRef}
            title={rollup.entityRef.split('/').pop()!}
          />
        }
      >
        <div role="heading" aria-level={2}>
          <LevelLabel level={rollup.displayLevel} variant="h4" />
        </div>
        {rollup.members.length === 0 ? (
          <Typography variant="body1" paragraph>
            Nothing to roll up: no member is in the catalog.
          </Typography>
        ) : (
          <LevelCounts
            counts={rollup.counts}
            label="Members per level"
            variant="body2"
          />
        )}
        <FreshnessSummary
          lastSuccessAt={rollup.freshness.lastSuccessAt}
          stale={rollup.freshness.stale}
        />
      </InfoCard>
      {rollup.upstreamProblems.length > 0 && (
        <InfoCard
          title={
            kind === 'group'
              ? 'What your services depend on that is broken'
              : 'Broken dependencies outside it'
          }
        >
          {rollup.upstreamProblems.map(problem => (
            <div key={problem.entityRef} className={classes.problem}>
              <Typography variant="subtitle1">
                <StatusEntityLink entityRef={problem.entityRef} /> —{' '}
                {levels.label(problem.level)} — impacts {problem.impacts.length}{' '}
                of yours
              </Typography>
              <OwnerContacts owner={problem.owner} />
              <ul
                className={classes.list}
                aria-label={`Impacted by ${problem.entityRef}`}
              >
                {problem.impacts.slice(0, 10).map(ref => (
                  <li key={ref}>
                    <EntityRefLink entityRef={ref} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </InfoCard>
      )}
      <Table<StatusRollupMember>
        title={TITLES[kind] ?? 'Members'}
        options={{
          paging: rollup.members.length > 20,
          pageSize: 20,
          search: true,
          // draggable headers nest a focusable handle in each sort button
          draggable: false,
        }}
        columns={columns}
        data={rollup.members}
      />
    </>
  );
}
