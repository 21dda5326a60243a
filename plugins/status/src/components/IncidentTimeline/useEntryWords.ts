import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  HIDDEN_ENTITY_REF,
  StatusTimelineEntry,
  StatusTimelineKind,
} from '@status-layer/plugin-status-common';
import { useMemo } from 'react';
import {
  DisplayLevel,
  TimelineWords,
  useLevelWords,
  useTimelineWords,
  useTimeWords,
} from '../common';
import { DraftWords } from './postmortemDraft';

const KIND_KEYS = {
  triggered: 'kindTriggered',
  acknowledged: 'kindAcknowledged',
  unacknowledged: 'kindUnacknowledged',
  escalated: 'kindEscalated',
  assigned: 'kindAssigned',
  resolved: 'kindResolved',
  other: 'kindOther',
  note: 'kindNote',
  status_update: 'kindStatusUpdate',
  alert: 'kindAlert',
  change: 'kindChange',
  impact: 'kindImpact',
  recovered: 'kindRecovered',
} as const satisfies Record<StatusTimelineKind, string>;

/**
 * PagerDuty's log entries the page names by kind itself: their summary
 * ("Acknowledged by …") is PagerDuty's English, and says no more than the
 * kind and who did it.
 */
const NAMED_BY_KIND = new Set<StatusTimelineKind>([
  'triggered',
  'acknowledged',
  'unacknowledged',
  'escalated',
  'assigned',
  'resolved',
]);

/** A kind of timeline entry's name. */
export const kindLabel = (t: TimelineWords, kind: StatusTimelineKind) =>
  t(KIND_KEYS[kind]);

/**
 * The words the timeline page and the postmortem draft share: names of
 * entities (hidden ones as words that say so), levels, times and one entry
 * as a line of words, all in the reader's language.
 */
export function useEntryWords(): DraftWords {
  const t = useTimelineWords();
  const levels = useLevelWords();
  const time = useTimeWords();
  return useMemo(() => {
    const entity = (ref: string) =>
      ref === HIDDEN_ENTITY_REF
        ? t('hiddenEntity')
        : humanizeEntityRef(parseEntityRef(ref), {
            defaultKind: 'component',
          });
    const level = (value: string) => levels.label(value as DisplayLevel);
    const entry = (e: StatusTimelineEntry) => {
      const parts: string[] = [];
      if (e.kind === 'impact' && e.entityRef)
        parts.push(
          t('turnedLevel', {
            entity: entity(e.entityRef),
            level: level(e.level ?? 'unknown'),
          }),
        );
      else if (e.kind === 'recovered' && e.entityRef)
        parts.push(t('recovered', { entity: entity(e.entityRef) }));
      else {
        const text = NAMED_BY_KIND.has(e.kind) ? undefined : e.text;
        parts.push(
          text ? `${kindLabel(t, e.kind)}: ${text}` : kindLabel(t, e.kind),
        );
        if (e.entityRef && e.kind !== 'change')
          parts.push(t('onEntity', { entity: entity(e.entityRef) }));
      }
      if (e.path && e.path.length > 1)
        parts.push(t('viaPath', { path: e.path.map(entity).join(' → ') }));
      else if (e.kind === 'change' && e.entityRef)
        parts.push(t('onEntity', { entity: entity(e.entityRef) }));
      if (e.by) parts.push(t('byName', { name: e.by }));
      return parts.join(' · ');
    };
    return {
      t,
      entity,
      level,
      entry,
      dateTime: time.dateTime,
      duration: time.duration,
    };
  }, [t, levels, time]);
}
