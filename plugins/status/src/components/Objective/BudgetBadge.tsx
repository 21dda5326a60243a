import { parseEntityRef } from '@backstage/catalog-model';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  HIDDEN_ENTITY_REF,
  StatusBudgetSummary,
} from '@status-layer/plugin-status-common';
import { Link } from '@backstage/core-components';
import {
  useObjectiveWords,
  useStatusTabLink,
  useTimeWords,
  VisuallyHidden,
} from '../common';
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
  },
}));

/** A kept budget older than this says when it was computed (it is kept every 30 s). */
const STALE_AFTER_MS = 5 * 60_000;

/** The whole of a kept budget in one sentence: the tooltip, and what a screen reader reads. */
export function useBudgetDetails(): (budget: StatusBudgetSummary) => string {
  const t = useObjectiveWords();
  const time = useTimeWords();
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
      // kept by a task: say when, once it is no longer fresh
      Date.now() - Date.parse(budget.computedAt) > STALE_AFTER_MS &&
        t('budgetComputed', { ago: time.ago(budget.computedAt) }),
    ]
      .filter(Boolean)
      .join(' ');
  };
}

/**
 * An entity's error budget as last kept, in a few characters ("38 %
 * budget", a flame and "burning fast" when it burns fast), the whole of it
 * in a tooltip and for screen readers; a link to the entity's Status tab
 * (where the Objective section tells the rest), so the keyboard reaches the
 * tooltip too. The catalog's column and the dashboard's list show it.
 */
export function BudgetBadge(props: {
  entityRef: string;
  budget: StatusBudgetSummary;
}) {
  const classes = useStyles();
  const t = useObjectiveWords();
  const number = useNumber();
  const statusTab = useStatusTabLink()(props.entityRef);
  const details = useBudgetDetails()(props.budget);
  const { budgetLeft, burning } = props.budget;
  let text: string;
  if (budgetLeft === undefined) text = t('unknown');
  else if (budgetLeft <= 0) text = t('budgetCellSpent');
  else text = t('budgetCell', { percent: number(budgetLeft * 100, 0) });
  const content = (
    <>
      {burning && <WhatshotIcon fontSize="inherit" aria-hidden />}
      <span aria-hidden>
        {text}
        {burning && ` · ${t('burningMark')}`}
      </span>
      <VisuallyHidden>{details}</VisuallyHidden>
    </>
  );
  return (
    <Tooltip title={details}>
      {statusTab ? (
        <Link
          to={statusTab}
          className={classes.badge}
          color="inherit"
          data-testid="budget-badge"
        >
          {content}
        </Link>
      ) : (
        <span className={classes.badge} data-testid="budget-badge">
          {content}
        </span>
      )}
    </Tooltip>
  );
}
