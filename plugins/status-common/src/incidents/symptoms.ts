/**
 * How long before an upstream's incident a dependent's incident may open and
 * still count as its symptom: monitoring of a dependent often fires first.
 *
 * @public
 */
export const SYMPTOM_LEAD_MS = 5 * 60_000;

/** An open incident of an upstream that is failing now. */
export type UpstreamIncident = {
  id: string;
  number?: number;
  title: string;
  createdAt: Date;
};

/**
 * Why an incident is probably a symptom of an upstream's outage, or
 * undefined: it opened no earlier than {@link SYMPTOM_LEAD_MS} before an
 * open incident of an upstream that is a root cause of its entity now; the
 * earliest such upstream incident is the one it is grouped under.
 *
 * @public
 */
export function probableCause(
  incident: { createdAt: Date },
  rootCauses: { root: string; path: string[] }[],
  incidentsOf: (root: string) => UpstreamIncident[],
):
  | {
      root: string;
      path: string[];
      upstream: UpstreamIncident;
      afterMs: number;
    }
  | undefined {
  let best:
    | {
        root: string;
        path: string[];
        upstream: UpstreamIncident;
        afterMs: number;
      }
    | undefined;
  for (const cause of rootCauses) {
    for (const upstream of incidentsOf(cause.root)) {
      const afterMs =
        incident.createdAt.getTime() - upstream.createdAt.getTime();
      if (afterMs < -SYMPTOM_LEAD_MS) continue;
      if (!best || upstream.createdAt < best.upstream.createdAt)
        best = { root: cause.root, path: cause.path, upstream, afterMs };
    }
  }
  return best;
}

/**
 * "4 min after" or "2 min before", for an explanation.
 *
 * @public
 */
export function describeLag(afterMs: number): string {
  const minutes = Math.round(Math.abs(afterMs) / 60_000);
  if (minutes === 0) return 'within a minute of';
  return `${minutes} min ${afterMs >= 0 ? 'after' : 'before'}`;
}
