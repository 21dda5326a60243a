import {
  EntityNameIndex,
  NormalisedAlert,
  StatusAlert,
} from '@status-layer/plugin-status-common';
import { AlertSourceMatcher } from '@status-layer/plugin-status-node';
import { AlertMapper, AlertMatch } from './AlertMapper';
import { MappingSuggestions } from './suggestMapping';
import { StoredAlert, StoredIncident } from '../database';
import { EntitySummary } from '../catalog/catalogSnapshot';

/** How long a resolved alert still marks its entity as watched by a tool. */
export const RECENT_ALERTS_MS = 24 * 60 * 60_000;

const keyOf = (a: { source: string; fingerprint: string }) =>
  `${a.source}\n${a.fingerprint}`;

type Entry = { alert: StoredAlert; match: AlertMatch };

/** What a page of unmatched alerts is filtered by. */
export type UnmatchedQuery = {
  source?: string;
  /** Words in the title or labels. */
  q?: string;
  limit: number;
  offset: number;
};

/**
 * The firing alerts and those resolved lately, tied to entities and kept up
 * to date change by change: firing ones per entity, those that match none,
 * PagerDuty's own per incident, and the entities some tool watches (it sent
 * alerts for them lately). A new catalog re-maps what is held; the store is
 * only read for what changed.
 */
export class AlertIndex {
  private mapper = new AlertMapper([]);
  private suggestions = new MappingSuggestions(this.mapper);
  private readonly entries = new Map<string, Entry>();
  private byEntity = new Map<string, Map<string, StoredAlert>>();
  private resolvedFor = new Map<string, number>();
  private unmatchedAlerts = new Map<string, StoredAlert>();
  private forgottenAt = 0;
  private byIncident = new Map<string, Map<string, StoredAlert>>();

  constructor(
    private readonly options: {
      sourceTitles?: Map<string, string>;
      /** Each alert source's annotation matcher, by source id. */
      matchers?: ReadonlyMap<string, AlertSourceMatcher>;
      /** After how long without a resend a firing alert of a source may have ended. */
      staleAfterMs?: (source: string) => number | undefined;
      now?: () => Date;
    } = {},
  ) {}

  /** The catalog's entities by the words of their names, as last read. */
  get names(): EntityNameIndex {
    return this.suggestions.names;
  }

  /** Follows a new catalog snapshot: every alert held is mapped again. Returns the entities whose alerts may have changed. */
  setEntities(
    entities: Iterable<EntitySummary>,
    entitiesOfService: (account: string, serviceId: string) => string[],
  ): Set<string> {
    this.mapper = new AlertMapper(
      entities,
      entitiesOfService,
      this.options.matchers,
    );
    this.suggestions = new MappingSuggestions(this.mapper);
    return this.mapAgain();
  }

  /**
   * Follows a catalog change (entities added or changed, refs gone): the
   * mapper's indexes change by those entities, and every alert held is
   * mapped again, which costs the alerts held, not the catalog. Returns
   * the entities whose alerts may have changed.
   */
  updateEntities(changed: EntitySummary[], removed: string[]): Set<string> {
    this.mapper.update(changed, removed);
    this.suggestions.entitiesChanged();
    return this.mapAgain();
  }

  private mapAgain(): Set<string> {
    const alerts = [...this.entries.values()].map(e => e.alert);
    // the entities that had alerts may have others now
    const touched = new Set(this.byEntity.keys());
    this.entries.clear();
    this.byEntity = new Map();
    this.resolvedFor = new Map();
    this.unmatchedAlerts = new Map();
    this.byIncident = new Map();
    for (const ref of this.apply(alerts)) touched.add(ref);
    return touched;
  }

  /**
   * Applies alerts read from the store (new, changed, or all of them); an
   * alert already held is replaced. Resolved alerts older than a day are let
   * go. Returns the entities whose alerts changed.
   */
  apply(alerts: StoredAlert[]): Set<string> {
    const touched = new Set<string>();
    for (const alert of alerts) {
      const key = keyOf(alert);
      const held = this.entries.get(key);
      // an older read, or the same one again, changes nothing
      if (held && held.alert.changedAt >= alert.changedAt) continue;
      if (held) {
        held.match.entityRefs.forEach(ref => touched.add(ref));
        this.remove(key, held);
      }
      this.add(key, alert).entityRefs.forEach(ref => touched.add(ref));
    }
    this.forgetOldResolved(touched);
    return touched;
  }

  private add(key: string, alert: StoredAlert): AlertMatch {
    const match =
      alert.source === 'pagerduty' && alert.targets?.pagerDuty
        ? { entityRefs: [] }
        : this.mapper.map(alert);
    this.entries.set(key, { alert, match });
    if (alert.state !== 'firing') {
      const at = new Date(alert.endedAt ?? alert.changedAt).getTime();
      for (const ref of match.entityRefs)
        this.resolvedFor.set(ref, Math.max(this.resolvedFor.get(ref) ?? 0, at));
      return match;
    }
    const pagerDuty = alert.targets?.pagerDuty;
    // PagerDuty's own alerts go with their incident, which already counts
    if (alert.source === 'pagerduty' && pagerDuty) {
      const incident = `${pagerDuty.account}/${pagerDuty.incidentId}`;
      const held = this.byIncident.get(incident) ?? new Map();
      held.set(key, alert);
      this.byIncident.set(incident, held);
      return match;
    }
    if (match.entityRefs.length === 0) this.unmatchedAlerts.set(key, alert);
    for (const ref of match.entityRefs) {
      const held = this.byEntity.get(ref) ?? new Map();
      held.set(key, alert);
      this.byEntity.set(ref, held);
    }
    return match;
  }

  private remove(key: string, entry: Entry) {
    this.entries.delete(key);
    this.unmatchedAlerts.delete(key);
    for (const ref of entry.match.entityRefs) {
      const held = this.byEntity.get(ref);
      held?.delete(key);
      if (held?.size === 0) this.byEntity.delete(ref);
    }
    const pagerDuty = entry.alert.targets?.pagerDuty;
    if (pagerDuty) {
      const incident = `${pagerDuty.account}/${pagerDuty.incidentId}`;
      this.byIncident.get(incident)?.delete(key);
    }
  }

  /** Lets go of alerts resolved more than a day ago; at most once a minute, as it reads everything held. */
  private forgetOldResolved(touched: Set<string>) {
    const now = this.now().getTime();
    if (now - this.forgottenAt < 60_000) return;
    this.forgottenAt = now;
    const before = now - RECENT_ALERTS_MS;
    for (const [key, entry] of this.entries) {
      if (
        entry.alert.state !== 'firing' &&
        new Date(entry.alert.endedAt ?? entry.alert.changedAt).getTime() <
          before
      )
        this.remove(key, entry);
    }
    for (const [ref, at] of this.resolvedFor)
      if (at < before) {
        this.resolvedFor.delete(ref);
        touched.add(ref);
      }
  }

  /** Firing alerts tied to an entity, as stored. */
  firingOf(ref: string): StoredAlert[] {
    return [...(this.byEntity.get(ref)?.values() ?? [])];
  }

  /** Whether a tool sent alerts for the entity lately: it is monitored. */
  isWatched(ref: string): boolean {
    return this.byEntity.has(ref) || this.resolvedFor.has(ref);
  }

  /** Firing alerts tied to an entity, as the API shows them. */
  of(ref: string): StatusAlert[] {
    return this.firingOf(ref).map(a => this.view(a));
  }

  /** A page of the firing alerts that match no entity, newest first, with who they might belong to. */
  unmatched(query: UnmatchedQuery): { alerts: StatusAlert[]; total: number } {
    const words = (query.q ?? '')
      .toLocaleLowerCase('en-US')
      .split(/\s+/)
      .filter(Boolean);
    const selected = [...this.unmatchedAlerts.values()]
      .filter(a => !query.source || a.source === query.source)
      .filter(a => {
        if (!words.length) return true;
        const text = `${a.title} ${Object.entries(a.labels)
          .map(([k, v]) => `${k} ${v}`)
          .join(' ')}`.toLocaleLowerCase('en-US');
        return words.every(w => text.includes(w));
      })
      .sort(
        (x, y) =>
          y.startedAt.localeCompare(x.startedAt) ||
          keyOf(x).localeCompare(keyOf(y)),
      );
    return {
      total: selected.length,
      alerts: selected
        .slice(query.offset, query.offset + query.limit)
        .map(a => this.view(a, true)),
    };
  }

  /** How many firing alerts match no entity. */
  unmatchedCount(): number {
    return this.unmatchedAlerts.size;
  }

  /** PagerDuty's own alerts under an incident. */
  ofIncident(incident: StoredIncident): StatusAlert[] {
    return [
      ...(this.byIncident.get(`${incident.account}/${incident.id}`)?.values() ??
        []),
    ].map(a => this.view(a));
  }

  /** The entities an alert maps to, and by which rule. */
  match(alert: NormalisedAlert) {
    return this.mapper.map(alert);
  }

  /** An alert as the API shows it: its tool's name, its entities, how they were found, and whether it went stale. */
  view(alert: StoredAlert, withSuggestions = false): StatusAlert {
    const { receivedAt, changedAt, ...rest } = alert;
    const match = this.entries.get(keyOf(alert))?.match ?? this.match(alert);
    const staleAfter = this.options.staleAfterMs?.(alert.source);
    return {
      ...rest,
      sourceTitle:
        this.options.sourceTitles?.get(alert.source) ??
        (alert.source === 'pagerduty' ? 'PagerDuty' : alert.source),
      entityRefs: match.entityRefs,
      receivedAt: receivedAt.toISOString(),
      ...(match.match ? { match: match.match } : {}),
      ...(alert.state === 'firing' &&
      staleAfter !== undefined &&
      this.now().getTime() - receivedAt.getTime() > staleAfter
        ? { stale: true }
        : {}),
      ...(withSuggestions ? this.suggestions.suggest(alert, match) : {}),
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
