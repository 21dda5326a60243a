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
import { useMemo } from 'react';
import {
  FreshnessSummary,
  LevelCounts,
  LevelLabel,
  useLevelWords,
  OwnerContacts,
  StatusEntityLink,
  useDashboardWords,
} from '../common';
import { DASHBOARD_MESSAGES } from '../../translations/dashboard';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2) },
  problem: { marginBottom: theme.spacing(2) },
}));

type DashboardWords = ReturnType<typeof useDashboardWords>;

const columnsOf = (t: DashboardWords): TableColumn<StatusRollupMember>[] => [
  {
    title: t('columnEntity'),
    field: 'name',
    highlight: true,
    render: m => <EntityRefLink entityRef={m.entityRef} title={m.title} />,
  },
  {
    title: t('columnLevel'),
    field: 'levels.effective',
    customSort: (a, b) => compareLevels(a.levels.effective, b.levels.effective),
    render: m => <LevelLabel level={m.displayLevel} />,
  },
  {
    title: t('columnWhy'),
    field: 'rootCauses',
    sorting: false,
    render: m => {
      if (m.rootCauses.length === 0)
        return m.activeIncidents
          ? t('ownIncidents', { count: m.activeIncidents })
          : '';
      const top = m.rootCauses[0];
      return (
        <span>
          {t('impactedByLabel')} <StatusEntityLink entityRef={top.entityRef} />
          {t('hopsUpstream', { count: top.hops })}
          {m.rootCauses.length > 1 &&
            t('moreRootCauses', { count: m.rootCauses.length - 1 })}
        </span>
      );
    },
  },
  { title: t('columnIncidents'), field: 'activeIncidents', type: 'numeric' },
];

const TITLES: Record<string, keyof typeof DASHBOARD_MESSAGES> = {
  system: 'membersOfSystem',
  domain: 'membersOfDomain',
  group: 'membersOfGroup',
};

/** A System's parts, a Domain's Systems or a Group's services, worst first. */
export function RollupView(props: { rollup: StatusRollup }) {
  const classes = useStyles();
  const levels = useLevelWords();
  const t = useDashboardWords();
  const columns = useMemo(() => columnsOf(t), [t]);
  const { rollup } = props;
  const kind = rollup.entityRef.split(':')[0];
  return (
    <>
      <InfoCard
        title={t('rollupTitle')}
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
            {t('noMembers')}
          </Typography>
        ) : (
          <LevelCounts
            counts={rollup.counts}
            label={t('membersPerLevel')}
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
              ? t('brokenUpstreamsOfGroup')
              : t('brokenUpstreamsOutside')
          }
        >
          {rollup.upstreamProblems.map(problem => (
            <div key={problem.entityRef} className={classes.problem}>
              <Typography variant="subtitle1">
                <StatusEntityLink entityRef={problem.entityRef} /> —{' '}
                {t('upstreamImpacts', {
                  level: levels.label(problem.level),
                  count: problem.impacts.length,
                })}
              </Typography>
              <OwnerContacts owner={problem.owner} />
              <ul
                className={classes.list}
                aria-label={t('impactedBy', { entity: problem.entityRef })}
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
        title={t(TITLES[kind] ?? 'members')}
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
