import { DisplayLevel } from '@status-layer/plugin-status-common';

/**
 * Each display level in a word or two, for narrow places (the catalog's
 * Status column, graph nodes); the full name goes in their tooltip. The
 * defaults of the translation ref's `levelsShort` section.
 */
export const LEVEL_SHORT_MESSAGES: Record<DisplayLevel, string> = {
  operational: 'OK',
  degraded: 'Degraded',
  partial_outage: 'Partial',
  major_outage: 'Outage',
  under_maintenance: 'Maintenance',
  unknown: 'Unknown',
  not_monitored: 'Unmonitored',
  misconfigured: 'Misconfigured',
};

/** The display levels' names in Japanese. */
export const LEVEL_MESSAGES_JA: Record<DisplayLevel, string> = {
  operational: '正常',
  degraded: '性能低下',
  partial_outage: '部分的な障害',
  major_outage: '重大な障害',
  under_maintenance: 'メンテナンス中',
  unknown: '不明',
  not_monitored: '監視なし',
  misconfigured: '設定に問題あり',
};

/** The short names in Japanese. */
export const LEVEL_SHORT_MESSAGES_JA: Record<DisplayLevel, string> = {
  operational: '正常',
  degraded: '低下',
  partial_outage: '一部障害',
  major_outage: '障害',
  under_maintenance: '保守中',
  unknown: '不明',
  not_monitored: '監視なし',
  misconfigured: '設定不備',
};

/** Both in the translation ref's keys, for the Japanese resource. */
export const LEVEL_TRANSLATIONS_JA = Object.fromEntries([
  ...Object.entries(LEVEL_MESSAGES_JA).map(([k, v]) => [`levels.${k}`, v]),
  ...Object.entries(LEVEL_SHORT_MESSAGES_JA).map(([k, v]) => [
    `levelsShort.${k}`,
    v,
  ]),
]) as Record<`levels.${DisplayLevel}` | `levelsShort.${DisplayLevel}`, string>;
