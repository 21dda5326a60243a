const MINUTE = 60_000;

/** "2 h 05 min", "40 min", "under a minute". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'under a minute';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest
    ? `${hours} h ${String(rest).padStart(2, '0')} min`
    : `${hours} h`;
}
