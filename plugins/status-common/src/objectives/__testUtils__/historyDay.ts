import { HistoryDay } from '../../history/dailyHistory';
import { DAY_MS } from '../../rules/dates';

/** A day of history watched whole and quiet, with these changes (for tests). */
export const historyDay = (changes: Partial<HistoryDay> = {}): HistoryDay => ({
  date: '2026-01-01',
  observedMs: DAY_MS,
  worst: 'operational',
  worstOwn: 'operational',
  ownDowntimeMs: 0,
  upstreamDowntimeMs: 0,
  degradedMs: 0,
  maintenanceMs: 0,
  upstreams: [],
  ...changes,
});
