import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ALERT_ENTITY_NAME_LABELS,
  ALERT_ENTITY_REF_LABEL,
  ALERT_ENTITY_REF_TAG,
  AlertMatchRule,
  AlertNameOrigin,
  NormalisedAlert,
} from '@status-layer/plugin-status-common';
import { AlertSourceMatcher } from '@status-layer/plugin-status-node';
import { addTo } from '../lib/addTo';
import { EntitySummary } from '../catalog/catalogSnapshot';

/** Which entities an alert belongs to, and by which rule; or, when none, who it might be. */
export type AlertMatch = {
  entityRefs: string[];
  match?: AlertMatchRule;
  /** When a name fits several entities: all of them, the alert staying unmatched. */
  ambiguous?: string[];
};

// When a name is shared, the kind that most likely runs the alerting thing wins.
const NAME_KIND_ORDER = ['Component', 'Resource', 'System', 'API'];

const lower = (value: string) => value.trim().toLocaleLowerCase('en-US');

/** An entity ref as the catalog writes it, or undefined when the text is not one. */
function fullRef(value: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** An annotation value's comma-separated items, trimmed. */
const stringList = (value: string) =>
  value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);

/** One tool's annotation, read on every entity that has it. */
type AnnotationIndex = {
  matcher: AlertSourceMatcher;
  /** `keys` matchers: the entities each key names. */
  byKey: Map<string, string[]>;
  /** `labels` matchers: the pairs each entity needs on an alert. */
  byLabels: Map<string, [string, string][]>;
};

/** The keys or labels an entity's annotation gives a matcher; none when a module's reader cannot read it. */
function readAnnotation(
  matcher: AlertSourceMatcher,
  value: string,
): { keys: string[] } | { labels: [string, string][] } {
  try {
    if (matcher.by === 'labels') return { labels: matcher.readLabels(value) };
    const normalise = matcher.normaliseKey ?? (key => key);
    return {
      keys: (matcher.readKeys?.(value) ?? stringList(value)).map(normalise),
    };
  } catch {
    // a module's reader that cannot read one entity's annotation skips it,
    // so one odd catalog-info.yaml never stops every alert being mapped
    return { keys: [] };
  }
}

function indexAnnotation(index: AnnotationIndex, e: EntitySummary) {
  const value = e.annotations?.[index.matcher.annotation];
  if (value === undefined) return;
  const read = readAnnotation(index.matcher, value);
  if ('labels' in read) {
    if (read.labels.length) index.byLabels.set(e.ref, read.labels);
  } else for (const key of read.keys) addTo(index.byKey, key, e.ref);
}

function unindexAnnotation(index: AnnotationIndex, e: EntitySummary) {
  const value = e.annotations?.[index.matcher.annotation];
  if (value === undefined) return;
  index.byLabels.delete(e.ref);
  const read = readAnnotation(index.matcher, value);
  if ('keys' in read)
    for (const key of read.keys) removeFrom(index.byKey, key, e.ref);
}

/** Takes a value out of a map of lists, and the key with its last value. */
function removeFrom<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)?.filter(v => v !== value);
  if (list?.length) map.set(key, list);
  else map.delete(key);
}

/**
 * Ties alerts to catalog entities, without set-up where the alert says enough.
 * The first rule that matches wins, and is recorded:
 * 1. the entity's own annotation for the tool, as the alert's source
 *    declares it in its `matcher` (Prometheus label selector, Datadog tags,
 *    New Relic GUIDs, Azure resource IDs, StatusCake test names, the Events
 *    API integration key, or a tool added through the extension point); for
 *    PagerDuty's own alerts, the entity of the incident's service;
 * 2. an entity ref in the webhook URL (`?entity=`), for tools whose default
 *    payload carries no tags;
 * 3. a full entity ref in a `backstage_entity` label or a `backstage:` tag;
 * 4. a `service`, `service_name`, `app`, `component` or `job` label or
 *    `key:value` tag equal to an entity's name;
 * 5. a name the alert gives its subject (a plain tag, `payload.component`,
 *    `payload.source`, an Azure resource or New Relic entity name, a
 *    StatusCake test) equal to an entity's name or title.
 * A name (rules 4 and 5) must fit exactly one entity of the most likely
 * kind; when several fit, the alert stays unmatched and names them all.
 */
export class AlertMapper {
  private readonly byRef = new Map<string, EntitySummary>();
  private readonly byName = new Map<string, EntitySummary[]>();
  private readonly byTitle = new Map<string, EntitySummary[]>();
  /** Per source id, its tool's annotation on the entities. */
  private readonly annotations = new Map<string, AnnotationIndex>();
  /** Each distinct matcher's index once: sources may share a matcher. */
  private readonly indexes: AnnotationIndex[] = [];

  constructor(
    entities: Iterable<EntitySummary>,
    private readonly entitiesOfService: (
      account: string,
      serviceId: string,
    ) => string[] = () => [],
    /** Each alert source's matcher, by source id. */
    matchers: ReadonlyMap<string, AlertSourceMatcher> = new Map(),
  ) {
    // sources that share a matcher (Alertmanager, Grafana) share its index
    const indexes = new Map<AlertSourceMatcher, AnnotationIndex>();
    for (const [source, matcher] of matchers) {
      let index = indexes.get(matcher);
      if (!index) {
        index = { matcher, byKey: new Map(), byLabels: new Map() };
        indexes.set(matcher, index);
        this.indexes.push(index);
      }
      this.annotations.set(source, index);
    }
    for (const e of entities) this.add(e);
  }

  /** Every entity, for suggesting candidates. */
  entities(): IterableIterator<EntitySummary> {
    return this.byRef.values();
  }

  /** Follows a catalog change: entities added or changed, and refs gone. */
  update(changed: EntitySummary[], removed: string[]) {
    for (const ref of [...removed, ...changed.map(e => e.ref)]) {
      const previous = this.byRef.get(ref);
      if (previous) this.remove(previous);
    }
    for (const e of changed) this.add(e);
  }

  private add(e: EntitySummary) {
    this.byRef.set(e.ref, e);
    addTo(this.byName, lower(e.name), e);
    if (e.title) addTo(this.byTitle, lower(e.title), e);
    for (const index of this.indexes) indexAnnotation(index, e);
  }

  private remove(e: EntitySummary) {
    this.byRef.delete(e.ref);
    removeFrom(this.byName, lower(e.name), e);
    if (e.title) removeFrom(this.byTitle, lower(e.title), e);
    for (const index of this.indexes) unindexAnnotation(index, e);
  }

  map(alert: NormalisedAlert): AlertMatch {
    const byAnnotation = this.byAnnotation(alert);
    if (byAnnotation) return byAnnotation;

    const inUrl = alert.targets?.entityRef;
    if (inUrl) {
      const ref = fullRef(inUrl);
      if (ref && this.byRef.has(ref))
        return { entityRefs: [ref], match: { rule: 'url', value: ref } };
    }

    for (const key of [ALERT_ENTITY_REF_LABEL, ALERT_ENTITY_REF_TAG]) {
      const value = alert.labels[key];
      const ref = value ? fullRef(value) : undefined;
      if (ref && this.byRef.has(ref))
        return {
          entityRefs: [ref],
          match: { rule: 'entity-ref', key, value },
        };
    }

    for (const key of ALERT_ENTITY_NAME_LABELS) {
      const value = alert.labels[key];
      if (!value) continue;
      const found = this.byEntityName(value, false);
      if (found.length === 1)
        return { entityRefs: found, match: { rule: 'label', key, value } };
      if (found.length > 1) return { entityRefs: [], ambiguous: found };
    }

    for (const { value, from } of this.namesOf(alert)) {
      const found = this.byEntityName(value, true);
      if (found.length === 1)
        return { entityRefs: found, match: { rule: 'name', from, value } };
      if (found.length > 1) return { entityRefs: [], ambiguous: found };
    }
    return { entityRefs: [] };
  }

  /** The annotation the alert's source matches it by, if it declares one. */
  matcherOf(source: string): AlertSourceMatcher | undefined {
    return this.annotations.get(source)?.matcher;
  }

  /** Names the alert gives its subject: its targets, and plain tags (labels without a value). */
  namesOf(alert: NormalisedAlert): { value: string; from: AlertNameOrigin }[] {
    const names = [...(alert.targets?.names ?? [])];
    // alerts stored before names were kept by origin
    for (const value of (alert.targets as { entityNames?: string[] })
      ?.entityNames ?? [])
      names.push({ value, from: 'resource' });
    for (const [key, value] of Object.entries(alert.labels))
      if (value === '') names.push({ value: key, from: 'tag' });
    return names;
  }

  private byAnnotation(alert: NormalisedAlert): AlertMatch | undefined {
    const pagerDuty = alert.targets?.pagerDuty;
    if (alert.source === 'pagerduty' && pagerDuty) {
      const refs = this.entitiesOfService(
        pagerDuty.account,
        pagerDuty.serviceId,
      );
      return refs.length
        ? {
            entityRefs: [...new Set(refs)].sort(),
            match: { rule: 'pagerduty-service' },
          }
        : undefined;
    }
    const index = this.annotations.get(alert.source);
    if (!index) return undefined;
    const { matcher } = index;
    const found = new Set<string>();
    if (matcher.by === 'labels') {
      for (const [ref, labels] of index.byLabels)
        if (labels.every(([k, v]) => alert.labels[k] === v)) found.add(ref);
    } else {
      const normalise = matcher.normaliseKey ?? (key => key);
      for (const key of alert.targets?.keys ?? [])
        index.byKey.get(normalise(key))?.forEach(ref => found.add(ref));
    }
    if (!found.size) return undefined;
    return {
      entityRefs: [...found].sort(),
      match: { rule: 'annotation', annotation: matcher.annotation },
    };
  }

  /**
   * The entities a name fits, of the most likely kind: every one of that
   * kind, so that a caller can tell one from several. `byTitle` also reads
   * titles ("Membership API").
   */
  private byEntityName(name: string, byTitle: boolean): string[] {
    const key = lower(name);
    const candidates = [
      ...(this.byName.get(key) ?? []),
      ...(byTitle ? this.byTitle.get(key) ?? [] : []),
    ];
    for (const kind of NAME_KIND_ORDER) {
      const ofKind = [
        ...new Set(candidates.filter(c => c.kind === kind).map(c => c.ref)),
      ];
      if (ofKind.length) return ofKind.sort();
    }
    return [];
  }
}
