import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  HIDDEN_ENTITY_REF,
  StatusBudgetSummary,
} from '@status-layer/plugin-status-common';
import { createHash } from 'node:crypto';
import { StoredBudgetEpisode } from '../database';
import {
  NameOf,
  STATUS_PAGE_LINK,
  statusTabLink,
} from './notificationMessages';

/** The topic of error budget notifications, which users can mute on their own. */
export const BUDGET_BURN_TOPIC = 'Error budgets';

const percent = (share: number) =>
  `${Math.round(share * 1000) / 10}`.replace(/\.0$/, '');

const utcTime = (at: Date) =>
  `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One scope per burn episode; it names nothing, as users can read it. */
export const budgetScopeOf = (episode: StoredBudgetEpisode) =>
  `status:budget-burn:${createHash('sha256')
    .update(`${episode.entityRef}\n${episode.startedAt.toISOString()}`)
    .digest('base64url')
    .slice(0, 22)}`;

/**
 * The notification telling an owner that an entity's error budget burns
 * fast, whose downtime burns it, and the upstream that used most of it; the
 * summary is already masked for the reader (a hidden upstream is never
 * named).
 */
export function budgetBurnNotification(options: {
  entityRef: string;
  summary: StatusBudgetSummary;
  cause: 'own' | 'inherited';
  nameOf: NameOf;
  scope: string;
}): NotificationPayload {
  const { entityRef, summary, cause, nameOf, scope } = options;
  const name = nameOf(entityRef);
  const objective = `${percent(summary.target)} % over ${
    summary.windowDays
  } days`;
  const spent = (summary.budgetLeft ?? 1) <= 0;
  const pace = spent
    ? `The error budget of ${name} (${objective}) is spent, and the last hour kept burning it.`
    : `At the last hour's pace, the error budget of ${name} (${objective}) runs out by ${utcTime(
        new Date(summary.exhaustsAt!),
      )}.`;
  const left =
    summary.budgetLeft === undefined || spent
      ? ''
      : `${percent(summary.budgetLeft)} % of it is left.`;
  const top = summary.topUpstream;
  const upstreamName =
    top && top.ref !== HIDDEN_ENTITY_REF
      ? nameOf(top.ref)
      : 'an upstream you may not see';
  const why =
    cause === 'own'
      ? 'Most of this burn is its own downtime.'
      : `Most of this burn is inherited from what it depends on${
          top
            ? `: ${upstreamName} used ${percent(
                top.used,
              )} % of the budget in this window`
            : ''
        }. The status page shows whom to contact upstream.`;
  return {
    title: `${name}: error budget ${
      spent ? 'spent and still burning' : 'burning fast'
    } (${cause === 'own' ? 'own downtime' : 'inherited'})`,
    description: [pace, left, why].filter(Boolean).join(' '),
    link: statusTabLink(entityRef),
    severity: 'high',
    topic: BUDGET_BURN_TOPIC,
    scope,
  };
}

/**
 * What an owner the status API has never served is told: that an error
 * budget of an entity they own burns fast, and nothing that could name what
 * a policy hides from them.
 */
export function unservedBudgetBurnNotification(options: {
  scope: string;
  /** For a Group's channel (see `isChannelRef`): worded for its members. */
  forChannel?: boolean;
}): NotificationPayload {
  const wording = options.forChannel
    ? {
        title: 'An error budget of an entity your team owns is burning fast',
        description:
          'The status page shows which objective, how fast its budget burns and whose downtime burns it. ' +
          'This message names nothing because not every member of the team has opened the status page yet, so the portal cannot tell what all of them may see.',
      }
    : {
        title: 'An error budget of an entity you own is burning fast',
        description:
          'The status page shows which objective, how fast its budget burns and whose downtime burns it. ' +
          'This notification names nothing because you have not opened the status page yet, so the portal cannot tell what you may see.',
      };
  return {
    ...wording,
    link: STATUS_PAGE_LINK,
    severity: 'high',
    topic: BUDGET_BURN_TOPIC,
    scope: options.scope,
  };
}
