import { OUTAGES_WORST_FIRST } from '../health/levels';
import { StatusIncidentUpdate } from './updates';

/**
 * What one line of an incident's timeline records.
 *
 * - `triggered` … `other`: PagerDuty's own log entries (`other` for the
 *   kinds a page need not word, e.g. `notify_log_entry`);
 * - `note`, `status_update`: responders' notes and stakeholder updates;
 * - `alert`: an alert that fired on the incident or on one of its entities;
 * - `change`: a change event on its service or an upstream in the hour before;
 * - `impact`, `recovered`: what the status layer observed: an entity turning
 *   a level because of the incident, and coming back.
 *
 * @public
 */
export type StatusTimelineKind =
  | 'triggered'
  | 'acknowledged'
  | 'unacknowledged'
  | 'escalated'
  | 'assigned'
  | 'resolved'
  | 'other'
  | 'note'
  | 'status_update'
  | 'alert'
  | 'change'
  | 'impact'
  | 'recovered';

/**
 * One line of an incident's timeline.
 *
 * @public
 */
export type StatusTimelineEntry = {
  /** ISO 8601. */
  at: string;
  kind: StatusTimelineKind;
  /** Where the fact comes from. */
  source: 'pagerduty' | 'alerts' | 'changes' | 'status-layer';
  /** Who did it, as PagerDuty or the tool names them. */
  by?: string | null;
  /** What PagerDuty, a tool or a responder wrote (a log entry's summary, a note, an alert's title, a change's summary). */
  text?: string;
  /** The entity concerned (an alert's, a change's, an impacted one); `hidden` when the reader may not see it. */
  entityRef?: string;
  /** The level an impacted entity turned. */
  level?: string;
  /** From the incident's entity to the entity concerned (changes on upstreams, impact on dependents), hidden entities as `hidden`. */
  path?: string[];
  links?: { href: string; text?: string }[];
};

/**
 * A part of the timeline that is missing or may be incomplete, and why:
 * - `log-not-read`: PagerDuty's log entries were not read yet; its own times stand in;
 * - `log-read-while-open`: read before the incident resolved; later entries come at a later sync;
 * - `log-failed`: the last read failed;
 * - `not-observed`: the status layer was not observing levels then;
 * - `levels-truncated`: more level changes than one answer holds;
 * - `alerts-truncated`, `changes-truncated`: likewise.
 *
 * @public
 */
export type StatusTimelineGap = {
  code:
    | 'log-not-read'
    | 'log-read-while-open'
    | 'log-failed'
    | 'not-observed'
    | 'levels-truncated'
    | 'alerts-truncated'
    | 'changes-truncated';
  /** When the log entries were last read, for `log-read-while-open`. */
  at?: string;
  /** PagerDuty's error, for `log-failed` (its own words). */
  error?: string;
};

/**
 * An entity the incident made worse than operational, as the status layer
 * recorded it.
 *
 * @public
 */
export type StatusIncidentImpact = {
  entityRef: string;
  /** The worst level it reached. */
  level: string;
  /** From the incident's entity to this one; just the entity for its own. */
  path: string[];
  from: string;
  /** When it came back; null while it has not. */
  to: string | null;
  /** Its owner, when the reader may see it. */
  owner?: string;
};

/**
 * A written postmortem of an incident, and where the portal found it.
 *
 * @public
 */
export type StatusPostmortemLink = {
  url: string;
  title?: string;
  /** A note (or its log entry) in PagerDuty, or set in the portal by the owning team. */
  source: 'note' | 'portal';
  /** Who set it in the portal. */
  setBy?: string;
  setAt?: string;
};

/**
 * One incident's timeline, as `GET /incidents/:account/:id/timeline` returns it.
 *
 * @public
 */
export type StatusIncidentTimeline = {
  incident: {
    account: string;
    id: string;
    number: number;
    title: string;
    status: 'triggered' | 'acknowledged' | 'resolved';
    urgency: 'high' | 'low';
    priority: string | null;
    createdAt: string;
    acknowledgedAt: string | null;
    resolvedAt: string | null;
    resolvedBy: string | null;
    htmlUrl: string | null;
    /** Its PagerDuty service's name. */
    serviceName: string | null;
    /** The entities of its service the reader may see. */
    entityRefs: string[];
    /** Whether it is major (P1/P2, or high urgency without a priority). */
    major: boolean;
  };
  /** Oldest first. */
  entries: StatusTimelineEntry[];
  /** Entities it made worse, worst and earliest first; hidden ones only counted. */
  impact: StatusIncidentImpact[];
  hiddenImpact: number;
  /** How many owning teams the impact reached (hidden entities' included, never named). */
  teams: number;
  gaps: StatusTimelineGap[];
  postmortem: StatusPostmortemLink | null;
  generatedAt: string;
};

/**
 * The priorities (upper case) that make an incident major.
 *
 * @public
 */
export const MAJOR_PRIORITIES: readonly string[] = [
  'P1',
  'P2',
  'SEV1',
  'SEV2',
  'SEV-1',
  'SEV-2',
];

/**
 * Whether an incident is major: priority P1 or P2 (or SEV1/SEV2), or high
 * urgency when the account sets no priority on it. Major incidents have
 * their PagerDuty log read for a timeline and are listed among past major
 * incidents.
 *
 * @public
 */
export function isMajorIncident(incident: {
  priority?: string | null;
  urgency: string;
}): boolean {
  const priority = incident.priority?.trim().toUpperCase();
  if (priority) return MAJOR_PRIORITIES.includes(priority);
  return incident.urgency === 'high';
}

const POSTMORTEM_WORDS = /post[\s_-]?mortem|incident[\s_-]review|\bpir\b/i;
const MARKDOWN_LINK = /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]{1,2000})\)/g;
const BARE_URL = /https?:\/\/[^\s<>()"']{1,2000}/g;

/**
 * The postmortem a text links to: a Markdown link whose text or URL says
 * postmortem, post-mortem or incident review, or a bare URL that says so
 * itself or follows those words on its line. Undefined when there is none.
 *
 * @public
 */
export function findPostmortemLink(
  text: string,
): { url: string; title?: string } | undefined {
  const bounded = text.slice(0, 20_000);
  for (const match of bounded.matchAll(MARKDOWN_LINK)) {
    const [, title, url] = match;
    if (POSTMORTEM_WORDS.test(title) || POSTMORTEM_WORDS.test(url))
      return { url, title: title.trim() };
  }
  for (const line of bounded.split('\n')) {
    for (const match of line.matchAll(BARE_URL)) {
      const url = match[0].replace(/[.,;:!?]+$/, '');
      const before = line.slice(0, match.index);
      if (POSTMORTEM_WORDS.test(url) || POSTMORTEM_WORDS.test(before))
        return { url };
    }
  }
  return undefined;
}

/** A PagerDuty log entry as a timeline needs it. */
export type TimelineLogEntry = {
  id: string;
  /** PagerDuty's type, e.g. `acknowledge_log_entry`. */
  type: string;
  at: Date;
  agent?: string;
  summary: string;
  /** The note an `annotate_log_entry` carries. */
  note?: string;
};

const LOG_KINDS: Record<string, StatusTimelineKind> = {
  trigger_log_entry: 'triggered',
  acknowledge_log_entry: 'acknowledged',
  unacknowledge_log_entry: 'unacknowledged',
  escalate_log_entry: 'escalated',
  assign_log_entry: 'assigned',
  resolve_log_entry: 'resolved',
  annotate_log_entry: 'note',
};

/** Kinds in the order that makes sense when two share a time. */
const KIND_ORDER: StatusTimelineKind[] = [
  'change',
  'alert',
  'triggered',
  'impact',
  'assigned',
  'escalated',
  'acknowledged',
  'unacknowledged',
  'note',
  'status_update',
  'other',
  'resolved',
  'recovered',
];

/** What a timeline is assembled from, each part already filtered for its reader. */
export type TimelineParts = {
  incident: {
    createdAt: Date;
    acknowledgedAt?: Date;
    resolvedAt?: Date;
    resolvedBy?: string;
  };
  /** PagerDuty's log; undefined when it was never read. */
  logEntries?: TimelineLogEntry[];
  updates: StatusIncidentUpdate[];
  alerts: StatusTimelineEntry[];
  changes: StatusTimelineEntry[];
  impact: StatusIncidentImpact[];
};

/**
 * The incident's timeline, oldest first: PagerDuty's log (or, when it was
 * never read, the incident's own times standing in for it), notes and
 * status updates (a note PagerDuty also logged appears once, with its
 * author), alerts, changes, and each impacted entity's turn and recovery.
 *
 * @public
 */
export function assembleIncidentTimeline(
  parts: TimelineParts,
): StatusTimelineEntry[] {
  const entries: StatusTimelineEntry[] = [];
  const noteTexts = new Set(
    parts.updates.filter(u => u.kind === 'note').map(u => u.message.trim()),
  );
  if (parts.logEntries) {
    const seen = new Set<string>();
    for (const e of parts.logEntries) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      const kind = LOG_KINDS[e.type] ?? 'other';
      // the note itself is listed from the notes, with its author
      if (kind === 'note' && e.note && noteTexts.has(e.note.trim())) continue;
      entries.push({
        at: e.at.toISOString(),
        kind,
        source: 'pagerduty',
        by: e.agent ?? null,
        text: kind === 'note' && e.note ? e.note : e.summary,
      });
    }
  } else {
    const { incident } = parts;
    entries.push({
      at: incident.createdAt.toISOString(),
      kind: 'triggered',
      source: 'pagerduty',
    });
    if (incident.acknowledgedAt)
      entries.push({
        at: incident.acknowledgedAt.toISOString(),
        kind: 'acknowledged',
        source: 'pagerduty',
      });
    if (incident.resolvedAt)
      entries.push({
        at: incident.resolvedAt.toISOString(),
        kind: 'resolved',
        source: 'pagerduty',
        by: incident.resolvedBy ?? null,
      });
  }
  for (const u of parts.updates)
    entries.push({
      at: u.at,
      kind: u.kind,
      source: 'pagerduty',
      by: u.author,
      text: u.message,
    });
  entries.push(...parts.alerts, ...parts.changes);
  for (const i of parts.impact) {
    entries.push({
      at: i.from,
      kind: 'impact',
      source: 'status-layer',
      entityRef: i.entityRef,
      level: i.level,
      path: i.path,
    });
    if (i.to)
      entries.push({
        at: i.to,
        kind: 'recovered',
        source: 'status-layer',
        entityRef: i.entityRef,
        path: i.path,
      });
  }
  const rank = (k: StatusTimelineKind) => KIND_ORDER.indexOf(k);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        a.entry.at.localeCompare(b.entry.at) ||
        rank(a.entry.kind) - rank(b.entry.kind) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/** A recorded level change, as the impact reads it. */
export type TimelineTransition = {
  entityRef: string;
  at: Date;
  effectiveTo: string;
  /** The own signals and root causes the change was recorded with. */
  reason?: unknown;
};

const LEVEL_ORDER: readonly string[] = OUTAGES_WORST_FIRST;
const worse = (a: string, b: string) => {
  const ia = LEVEL_ORDER.indexOf(a);
  const ib = LEVEL_ORDER.indexOf(b);
  if (ia < 0) return b;
  if (ib < 0) return a;
  return ia <= ib ? a : b;
};

/** The root causes and own signals a transition's reason names. */
function causesOf(reason: unknown): {
  roots: { root: string; path: string[] }[];
  signals: string[];
} {
  const r = (reason ?? {}) as {
    rootCauses?: { root?: unknown; path?: unknown }[];
    signals?: { id?: unknown }[];
  };
  return {
    roots: (Array.isArray(r.rootCauses) ? r.rootCauses : [])
      .filter(c => typeof c?.root === 'string')
      .map(c => ({
        root: c.root as string,
        path: Array.isArray(c.path)
          ? c.path.filter((p): p is string => typeof p === 'string')
          : [],
      })),
    signals: (Array.isArray(r.signals) ? r.signals : [])
      .map(s => s?.id)
      .filter((id): id is string => typeof id === 'string'),
  };
}

/**
 * Which entities an incident made worse, from the level changes recorded
 * around it (oldest first): an entity counts from its first change whose
 * reason names the incident as an own signal or one of the incident's
 * entities as a root cause, and recovers at its next change to operational
 * (or to a level no longer explained by it). The worst level in between is
 * its level. Not filtered for a reader: the caller masks what it may not see.
 *
 * @public
 */
export function incidentImpact(options: {
  incidentId: string;
  /** The entities of the incident's service. */
  entityRefs: string[];
  transitions: TimelineTransition[];
}): StatusIncidentImpact[] {
  const roots = new Set(options.entityRefs);
  const open = new Map<string, StatusIncidentImpact>();
  const done: StatusIncidentImpact[] = [];
  const sorted = [...options.transitions].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  for (const t of sorted) {
    const { roots: causes, signals } = causesOf(t.reason);
    const own = roots.has(t.entityRef) && signals.includes(options.incidentId);
    const cause = causes.find(c => roots.has(c.root));
    const explained =
      t.effectiveTo !== 'operational' &&
      LEVEL_ORDER.includes(t.effectiveTo) &&
      (own || !!cause);
    const current = open.get(t.entityRef);
    if (explained) {
      if (current) current.level = worse(current.level, t.effectiveTo);
      else
        open.set(t.entityRef, {
          entityRef: t.entityRef,
          level: t.effectiveTo,
          path: cause && !own ? [...cause.path].reverse() : [t.entityRef],
          from: t.at.toISOString(),
          to: null,
        });
    } else if (current) {
      current.to = t.at.toISOString();
      open.delete(t.entityRef);
      done.push(current);
    }
  }
  const all = [...done, ...open.values()];
  return all.sort(
    (a, b) =>
      LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
      a.from.localeCompare(b.from) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/**
 * A past major incident, as `GET /incidents/major` lists it.
 *
 * @public
 */
export type StatusMajorIncident = {
  account: string;
  id: string;
  number: number;
  title: string;
  priority: string | null;
  urgency: 'high' | 'low';
  status: 'triggered' | 'acknowledged' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
  /** How long it lasted (so far, while open). */
  durationMs: number;
  /** The entity it was on (its root cause), as the reader may see it. */
  entityRef: string;
  /**
   * How far it reached: the entities made worse and their owning teams
   * (hidden ones counted, never named); null when it began before the status
   * layer observed levels (backfilled from PagerDuty's past incidents).
   */
  blastRadius: { entities: number; teams: number } | null;
  postmortem: StatusPostmortemLink | null;
};

/**
 * The major incidents of an entity (a System's, Domain's or Group's members
 * for a roll-up) or of the company, with each owning team's share of them
 * that has a postmortem.
 *
 * @public
 */
export type StatusMajorIncidents = {
  /** Whose incidents; null for the company's. */
  entityRef: string | null;
  days: number;
  /** The words searched for in titles, as given. */
  query: string;
  /** This page, newest first. */
  incidents: StatusMajorIncident[];
  /** How many matched in all. */
  total: number;
  offset: number;
  /** Per owning team the reader may see: its major incidents, and how many have a postmortem. */
  teams: { team: string; incidents: number; withPostmortem: number }[];
  /** More matched than one answer reads: the oldest are left out. */
  truncated: boolean;
  generatedAt: string;
};

/**
 * Whether an incident's title matches a search: every word of the query
 * (split at spaces) is found in the title, case aside. Works for any script,
 * Japanese included; an empty query matches everything.
 *
 * @public
 */
export function matchesTitleSearch(title: string, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = title.toLocaleLowerCase();
  return words.every(word => text.includes(word));
}
