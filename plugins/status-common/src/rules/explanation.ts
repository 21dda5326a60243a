import {
  compareLevels,
  EntityLevels,
  HealthLevel,
  LEVEL_LABELS,
} from '../health';
import { displayLevel, isMonitored } from '../health/monitoring';

/**
 * Why an entity is at its level, as data: the API sends it, and each side
 * words it with {@link STATUS_EXPLANATION_MESSAGES} (the frontend through its
 * translation ref, so it can be translated).
 *
 * @public
 */
export type StatusExplanation = {
  level: HealthLevel;
  reasons: StatusReason[];
};

/**
 * One reason of a {@link StatusExplanation}, in the order they are read.
 *
 * @public
 */
export type StatusReason =
  | {
      kind: 'upstream';
      /** The worst root cause's ref; `hidden` when the reader may not see it. */
      entityRef: string;
      /** Its name, for the sentence; absent when hidden. */
      name?: string;
      level: HealthLevel;
      hops: number;
    }
  | { kind: 'own'; incidents: number; alerts: number; afterUpstream: boolean }
  | { kind: 'not_monitored' }
  | { kind: 'waiting_for_pagerduty' }
  | { kind: 'pagerduty_stale' };

/**
 * The English wording of explanations, in the translation format Backstage
 * uses (`{{param}}`, `_one`/`_other` plurals): the frontend's translation ref
 * starts from it, the API's one-line `explanation` is worded with it.
 *
 * @public
 */
export const STATUS_EXPLANATION_MESSAGES = {
  sentence: '{{level}} — {{reasons}}',
  upstream: 'impacted by {{name}} ({{level}}), {{hops}}',
  upstreamHidden: 'impacted by an upstream you cannot see, {{hops}}',
  hops_one: '{{count}} hop upstream',
  hops_other: '{{count}} hops upstream',
  own: '{{signals}} of its own',
  ownAfterUpstream: 'and {{signals}} of its own',
  incidents_one: '{{count}} active incident',
  incidents_other: '{{count}} active incidents',
  alerts_one: '{{count}} firing alert',
  alerts_other: '{{count}} firing alerts',
  notMonitored: 'not monitored',
  waitingForPagerDuty: 'waiting for PagerDuty',
  pagerDutyStale: 'PagerDuty cannot be read; its data is stale',
} as const;

/** Keys of {@link STATUS_EXPLANATION_MESSAGES} without plural suffixes. @public */
export type StatusExplanationKey =
  | 'sentence'
  | 'upstream'
  | 'upstreamHidden'
  | 'hops'
  | 'own'
  | 'ownAfterUpstream'
  | 'incidents'
  | 'alerts'
  | 'notMonitored'
  | 'waitingForPagerDuty'
  | 'pagerDutyStale';

/** Words a message with its parameters, e.g. a translation function. @public */
export type StatusExplanationWording = (
  key: StatusExplanationKey,
  params?: Record<string, string | number>,
) => string;

/**
 * Why an entity is at its level: an upstream when the inherited level is
 * worse than its own, its own incidents and alerts, or why it has no level
 * of its own (not monitored, waiting for PagerDuty, PagerDuty stale).
 *
 * @public
 */
export function explainStatus(input: {
  levels: EntityLevels;
  /** Its own signals that raise its level, by kind. */
  own: { incidents: number; alerts: number };
  /** The worst root cause; `entityRef` is `hidden` when the reader may not see it. */
  top?: { entityRef: string; name?: string; level: HealthLevel; hops: number };
  /** Whether its PagerDuty account was never read yet. */
  waitingForPagerDuty?: boolean;
}): StatusExplanation {
  const { levels, own, top } = input;
  const reasons: StatusReason[] = [];
  const inheritedWins =
    top !== undefined &&
    compareLevels(levels.inherited, levels.own ?? 'operational') > 0;
  if (inheritedWins) reasons.push({ kind: 'upstream', ...top });
  if (own.incidents > 0 || own.alerts > 0) {
    reasons.push({ kind: 'own', ...own, afterUpstream: inheritedWins });
  } else if (!inheritedWins) {
    const shown = displayLevel({
      monitored: isMonitored(levels),
      effective: levels.effective,
    });
    if (shown === 'not_monitored') reasons.push({ kind: 'not_monitored' });
    else if (levels.own === 'unknown')
      reasons.push({
        kind: input.waitingForPagerDuty
          ? 'waiting_for_pagerduty'
          : 'pagerduty_stale',
      });
  }
  return { level: levels.effective, reasons };
}

/** Backstage's `{{param}}` and `_one`/`_other` rules, for the English default. */
const english: StatusExplanationWording = (key, params = {}) => {
  const messages = STATUS_EXPLANATION_MESSAGES as Record<string, string>;
  const template =
    typeof params.count === 'number'
      ? messages[`${key}_${params.count === 1 ? 'one' : 'other'}`]
      : messages[key];
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) =>
    String(params[name] ?? ''),
  );
};

/**
 * An explanation as one line, e.g. "Degraded — impacted by auth-service
 * (Major outage), 3 hops upstream"; in English unless given a wording (a
 * translation function) and level labels.
 *
 * @public
 */
export function formatExplanation(
  explanation: StatusExplanation,
  wording: StatusExplanationWording = english,
  levelLabel: (level: HealthLevel) => string = level => LEVEL_LABELS[level],
): string {
  const parts = explanation.reasons.map(reason => {
    switch (reason.kind) {
      case 'upstream': {
        const hops = wording('hops', { count: reason.hops });
        return reason.name
          ? wording('upstream', {
              name: reason.name,
              level: levelLabel(reason.level),
              hops,
            })
          : wording('upstreamHidden', { hops });
      }
      case 'own': {
        const signals = [
          reason.incidents
            ? wording('incidents', { count: reason.incidents })
            : '',
          reason.alerts ? wording('alerts', { count: reason.alerts }) : '',
        ]
          .filter(Boolean)
          .join(', ');
        return wording(reason.afterUpstream ? 'ownAfterUpstream' : 'own', {
          signals,
        });
      }
      case 'not_monitored':
        return wording('notMonitored');
      case 'waiting_for_pagerduty':
        return wording('waitingForPagerDuty');
      default:
        return wording('pagerDutyStale');
    }
  });
  const level = levelLabel(explanation.level);
  return parts.length
    ? wording('sentence', { level, reasons: parts.join(' ') })
    : level;
}
