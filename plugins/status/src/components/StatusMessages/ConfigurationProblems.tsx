import { WarningPanel } from '@backstage/core-components';
import { StatusConfigurationProblem } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useStatusTabWords } from '../common';

/** The problem's keys in the `statusTab` section, by code. */
const PROBLEM_WORDS = {
  notServiceId: 'problemNotServiceId',
  notAccountName: 'problemNotAccountName',
  notEntityRef: 'problemNotEntityRef',
  criticalNotDependency: 'problemCriticalNotDependency',
  unknownAccount: 'problemUnknownAccount',
  unknownService: 'problemUnknownService',
  unreadable: 'problemUnreadable',
} as const;

/**
 * What is wrong, in the reader's language when the status layer found it
 * (a code with its values), in the alert source module's words otherwise.
 */
function problemText(
  problem: StatusConfigurationProblem,
  t: ReturnType<typeof useStatusTabWords>,
): string {
  if (!problem.code) return problem.message;
  const params = problem.params ?? {};
  if (problem.code === 'unknownAccount' && !params.configured)
    return t('problemUnknownAccountNone', params);
  return t(PROBLEM_WORDS[problem.code], params);
}

/** Lists what is wrong with an entity's status annotations, one line each. */
export function ConfigurationProblems(props: {
  problems: StatusConfigurationProblem[];
}) {
  const { problems } = props;
  const t = useStatusTabWords();
  if (problems.length === 0) {
    return null;
  }
  return (
    <WarningPanel
      severity="warning"
      title={t('annotationsNeedFixing', { count: problems.length })}
      defaultExpanded
    >
      {problems.map(problem => (
        <Typography
          key={`${problem.annotation}:${problem.message}`}
          variant="body2"
          paragraph
        >
          <code>{problem.annotation}</code>: {problemText(problem, t)}
        </Typography>
      ))}
    </WarningPanel>
  );
}
