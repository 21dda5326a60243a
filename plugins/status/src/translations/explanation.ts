import { STATUS_EXPLANATION_MESSAGES } from '@status-layer/plugin-status-common';
import { sectionTranslations } from './sectionTranslations';

/**
 * The one-line explanation of a level in Japanese: its English defaults live
 * in `-common` (`STATUS_EXPLANATION_MESSAGES`), where the API words it too.
 */
export const EXPLANATION_MESSAGES_JA: Partial<
  Record<keyof typeof STATUS_EXPLANATION_MESSAGES, string>
> = {
  sentence: '{{level}} — {{reasons}}',
  upstream: '{{name}} ({{level}}) の影響を受けています ({{hops}})',
  upstreamHidden: '閲覧できない上流の影響を受けています ({{hops}})',
  hops_other: '{{count}} ホップ上流',
  own: '自身の{{signals}}',
  ownAfterUpstream: 'および自身の{{signals}}',
  incidents_other: '対応中のインシデント {{count}} 件',
  alerts_other: '発報中のアラート {{count}} 件',
  notMonitored: '監視されていません',
  waitingForPagerDuty: 'PagerDuty の読み込みを待っています',
  pagerDutyStale: 'PagerDuty を読み込めません。データが古くなっています',
};

/** Keyed as the translation ref names them (`explanation.<key>`). */
export const EXPLANATION_TRANSLATIONS_JA = sectionTranslations(
  'explanation',
  EXPLANATION_MESSAGES_JA,
);
