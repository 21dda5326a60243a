import {
  dailyHistory,
  historyAvailability,
  HistoryTransition,
  StatusHistory,
} from '@status-layer/plugin-status-common';

const DAY = 86_400_000;

/**
 * An entity's 90-day history as the backend builds it, from transitions
 * (times relative to now); observed for the last 30 days.
 */
export function aHistory(
  entityRef: string,
  transitions: HistoryTransition[],
  now = new Date(),
): StatusHistory {
  const observedSince = new Date(now.getTime() - 30 * DAY);
  const days = dailyHistory({ transitions, days: 90, now, observedSince });
  return {
    entityRef,
    days,
    availability: [7, 30, 90].map(n => historyAvailability(days, n)),
    observedSince: observedSince.toISOString(),
    truncated: false,
    generatedAt: now.toISOString(),
  };
}
