/**
 * A shift's bounds as the API gives them (ISO 8601, or null when PagerDuty
 * gives none).
 *
 * @public
 */
export type OnCallShiftBounds = { start: string | null; end: string | null };

/**
 * Whether a shift read from PagerDuty still holds at `nowMs`: `current`
 * while it runs, `ended` once its end has passed (the last read is older than
 * that end, so who took over is not known), `upcoming` before its start.
 *
 * @remarks
 * On-call is read once a sync; a page left open, or a sync that fails, keeps
 * showing the last answer. A shift that has ended is never "on call now".
 *
 * @public
 */
export function onCallShiftState(
  shift: OnCallShiftBounds,
  nowMs: number,
): 'current' | 'ended' | 'upcoming' {
  if (shift.end && Date.parse(shift.end) <= nowMs) return 'ended';
  if (shift.start && Date.parse(shift.start) > nowMs) return 'upcoming';
  return 'current';
}

/**
 * The shifts of a policy that hold now, lowest escalation level first: who
 * answers a page at `nowMs` as far as the last read knows.
 *
 * @public
 */
export function currentOnCall<T extends OnCallShiftBounds & { level: number }>(
  shifts: readonly T[],
  nowMs: number,
): T[] {
  return shifts
    .filter(s => onCallShiftState(s, nowMs) === 'current')
    .sort((a, b) => a.level - b.level);
}
