import { parseEntityRef } from '@backstage/catalog-model';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  HIDDEN_ENTITY_REF,
  StatusBudgetSummary,
} from '@status-layer/plugin-status-common';
import { useObjectiveWords, VisuallyHidden } from '../common';
import { useNumber } from './ObjectiveCard';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.25),
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/** The whole of a kept budget in one sentence: the tooltip, and what a screen reader reads. */
export function useBudgetDetails(): (budget: StatusBudgetSummary) => string {
  const t = useObjectiveWords();
  const number = useNumber();
  const percent = (share: number) => number(share * 100, 0);
  return budget => {
    const objective = {
      target: number(budget.target * 100, 4),
      days: budget.windowDays,
    };
    if (budget.budgetLeft === undefined)
      return t('budgetDetailsUnknown', objective);
    const top = budget.topUpstream;
    return [
      t('budgetDetails', {
        ...objective,
        percent: percent(budget.budgetLeft),
        own: percent(budget.ownUsed),
        inherited: percent(budget.inheritedUsed),
      }),
      top &&
        t('budgetTop', {
          entity:
            top.ref === HIDDEN_ENTITY_REF
              ? t('hiddenUpstream')
              : parseEntityRef(top.ref).name,
          percent: percent(top.used),
        }),
      budget.burning === 'own' && t('burningOwn'),
      budget.burning === 'inherited' && t('burningInherited'),
    ]
      .filter(Boolean)
      .join(' ');
  };
}

/**
 * An entity's error budget as last kept, in a few characters ("38 %
 * budget", a flame and "burning fast" when it burns fast), the whole of it
 * in a tooltip that the keyboard reaches too; the catalog's column and the
 * dashboard's list show it.
 */
export function BudgetBadge(props: { budget: StatusBudgetSummary }) {
  const classes = useStyles();
  const t = useObjectiveWords();
  const number = useNumber();
  const details = useBudgetDetails()(props.budget);
  const { budgetLeft, burning } = props.budget;
  let text: string;
  if (budgetLeft === undefined) text = t('unknown');
  else if (budgetLeft <= 0) text = t('budgetCellSpent');
  else text = t('budgetCell', { percent: number(budgetLeft * 100, 0) });
  return (
    <Tooltip title={details}>
      <span className={classes.badge} tabIndex={0} data-testid="budget-badge">
        {burning && <WhatshotIcon fontSize="inherit" aria-hidden />}
        <span aria-hidden>
          {text}
          {burning && ` · ${t('burningMark')}`}
        </span>
        <VisuallyHidden>{details}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
