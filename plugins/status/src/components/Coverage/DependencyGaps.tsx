import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  StatusDependencyCoverage,
  StatusDependencyGap,
} from '@status-layer/plugin-status-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Loaded } from '../common';
import {
  DependencyWords,
  useDependencyWords,
} from '../common/useSectionWords';
import { useDependencyCoverage } from '../common/useStatusResources';

const MODE_WORDS = {
  suggest: 'modeSuggest',
  use: 'modeUse',
  off: 'modeOff',
} as const;

function GapTable(props: {
  title: string;
  hint: string;
  gaps: StatusDependencyGap[];
  words: DependencyWords;
  testId: string;
}) {
  const { words } = props;
  return (
    <section aria-label={props.title}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {props.hint}
      </Typography>
      {props.gaps.length === 0 ? (
        <Typography variant="body2">{words('none')}</Typography>
      ) : (
        <Table size="small" data-testid={props.testId}>
          <TableHead>
            <TableRow>
              <TableCell>{words('columnDependent')}</TableCell>
              <TableCell>{words('columnUpstream')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.gaps.map(gap => (
              <TableRow key={`${gap.dependent} ${gap.upstream}`}>
                <TableCell>
                  <EntityRefLink
                    entityRef={gap.dependent}
                    defaultKind="component"
                  />
                </TableCell>
                <TableCell>
                  <EntityRefLink
                    entityRef={gap.upstream}
                    defaultKind="component"
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** The two sides a dependency can be missing from, in the order shown. */
const GAP_KINDS = [
  {
    side: 'pagerDutyOnly',
    title: 'pagerDutyOnlyTitle',
    hint: 'pagerDutyOnlyHint',
    testId: 'dependency-gaps-pagerduty-only',
  },
  {
    side: 'catalogOnly',
    title: 'catalogOnlyTitle',
    hint: 'catalogOnlyHint',
    testId: 'dependency-gaps-catalog-only',
  },
] as const;

/** The gaps of one answer, in the reader's words. */
export function DependencyGapsView(props: {
  coverage: StatusDependencyCoverage;
}) {
  const words = useDependencyWords();
  const { coverage } = props;
  return (
    <InfoCard title={words('title')}>
      <Typography variant="body2" paragraph>
        {words(MODE_WORDS[coverage.mode])}
      </Typography>
      {GAP_KINDS.map(kind => (
        <GapTable
          key={kind.side}
          title={words(kind.title)}
          hint={words(kind.hint)}
          gaps={coverage[kind.side]}
          words={words}
          testId={kind.testId}
        />
      ))}
      {coverage.truncated && (
        <Typography variant="body2" role="status">
          {words('truncated')}
        </Typography>
      )}
    </InfoCard>
  );
}

/**
 * Where PagerDuty's service graph and the catalog's `dependsOn` disagree:
 * dependencies PagerDuty knows that the catalog lacks (a dependent shown
 * Operational during its upstream's outage), and the reverse, as far as the
 * reader may read both ends.
 */
export function DependencyGaps() {
  const words = useDependencyWords();
  const polled = useDependencyCoverage();
  return (
    <Loaded polled={polled} what={words('what')}>
      {coverage => <DependencyGapsView coverage={coverage} />}
    </Loaded>
  );
}
