import { WarningPanel } from '@backstage/core-components';
import { StatusConfigurationProblem } from '@status-layer/plugin-status-common';
import Typography from '@material-ui/core/Typography';
import { useStatusTabWords } from '../common';

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
          <code>{problem.annotation}</code>: {problem.message}
        </Typography>
      ))}
    </WarningPanel>
  );
}
