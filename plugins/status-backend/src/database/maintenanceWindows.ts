import { StoredMaintenanceWindow } from './types';

/** Whether a maintenance window is running at `at` (ms since the epoch). */
export function isOngoingWindow(
  window: StoredMaintenanceWindow,
  at: number,
): boolean {
  return Date.parse(window.startTime) <= at && at < Date.parse(window.endTime);
}

/** Whether a maintenance window is over at `at`: a stale read may still hold it. */
export function hasEndedWindow(
  window: StoredMaintenanceWindow,
  at: number,
): boolean {
  return Date.parse(window.endTime) <= at;
}
