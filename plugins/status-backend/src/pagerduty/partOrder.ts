import {
  PagerDutyDataPart,
  pagerDutySourceName,
} from '@status-layer/plugin-status-common';
import { SourceFreshness } from '../database';

/** The order of parts that have been read equally recently (or never). */
const TIE_ORDER: readonly PagerDutyDataPart[] = [
  'services',
  'incidents',
  'maintenance',
  'oncalls',
  'changes',
  'alerts',
  'notes',
  'dependencies',
  'timelines',
];

/** The parts as a sentence names them. */
const LABELS: Record<PagerDutyDataPart, string> = {
  services: 'services',
  incidents: 'incidents',
  maintenance: 'maintenance windows',
  oncalls: 'on-call',
  changes: 'change events',
  alerts: 'alerts',
  notes: 'notes',
  dependencies: 'service dependencies',
  timelines: 'incident timelines',
};

/**
 * The parts other than incidents: with the rule of {@link readOrder}, each is
 * read at least once in this many syncs, as long as each alone fits in what
 * the incidents leave of a sync's budget.
 */
export const ROTATION_SYNCS = TIE_ORDER.length - 1;

/**
 * The order in which one sync reads an account's parts, from the freshness
 * table as the previous syncs left it: incidents first (levels rest on
 * them), behind services only while services have never been read (open
 * incidents are split per service when there are too many); then the other
 * parts, the one whose last success is oldest first, never read before all.
 *
 * A request budget too small for every part then leaves out different parts
 * at each sync: the part read longest ago always goes first after the
 * incidents, so it is read, moves to the back, and every part comes to the
 * front within {@link ROTATION_SYNCS} syncs.
 */
export function readOrder(
  account: string,
  sources: SourceFreshness[],
): PagerDutyDataPart[] {
  const lastSuccess = (part: PagerDutyDataPart) =>
    sources
      .find(s => s.source === pagerDutySourceName(account, part))
      ?.lastSuccessAt?.getTime();
  const first: PagerDutyDataPart[] =
    lastSuccess('services') === undefined
      ? ['services', 'incidents']
      : ['incidents'];
  const rest = TIE_ORDER.filter(p => !first.includes(p)).sort((a, b) => {
    const [x, y] = [lastSuccess(a), lastSuccess(b)];
    if (x !== y) {
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      return x - y;
    }
    return TIE_ORDER.indexOf(a) - TIE_ORDER.indexOf(b);
  });
  return [...first, ...rest];
}

/**
 * Where a part the budget left out comes at the next sync, in plain words,
 * e.g. "at the next sync it comes right after incidents" or "… after
 * incidents and change events", from the order the next sync will use.
 */
export function nextTurn(
  part: PagerDutyDataPart,
  next: PagerDutyDataPart[],
): string {
  const before = next.slice(0, next.indexOf(part)).map(p => LABELS[p]);
  if (!before.length) return 'at the next sync it comes first';
  const list =
    before.length > 1
      ? `${before.slice(0, -1).join(', ')} and ${before[before.length - 1]}`
      : before[0];
  return `at the next sync it comes ${
    before.length > 1 ? 'after' : 'right after'
  } ${list} (the parts read longest ago go first)`;
}
