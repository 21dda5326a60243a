import { sectionTranslations } from './sectionTranslations';

/**
 * The words of the past: daily history and availability, incident response, recent changes, similar incidents, in English, by key: the defaults of the translation
 * ref's `history` section. A key ending in `_one` / `_other` is a plural,
 * chosen by the `count` parameter.
 */
export const HISTORY_MESSAGES = {
  // daily history
  dailyHistory: 'Daily history',
  todayUtc: 'today (UTC)',
  hiddenUpstream: 'an upstream you cannot see',
  anUpstream: 'an upstream',
  noData: 'no data',
  dayNotRecorded: '{{date}}: no data (not yet recorded)',
  dayBackfilled_one:
    "{{date}}: from PagerDuty's past incidents (before recording began): {{count}} incident over {{duration}}, {{level}} at worst; upstreams unknown",
  dayBackfilled_other:
    "{{date}}: from PagerDuty's past incidents (before recording began): {{count}} incidents over {{duration}}, {{level}} at worst; upstreams unknown",
  dayBackfilledNone:
    "{{date}}: from PagerDuty's past incidents (before recording began): no incidents; upstreams unknown",
  // a day's parts, joined by "; "
  dayWorst: '{{date}}: {{level}} at worst',
  dayOwnDowntime: 'down {{duration}} by its own signals',
  dayUpstreamDowntime: 'down {{duration}} because of {{upstreams}}',
  dayDegraded: 'degraded {{duration}}',
  dayMaintenance: 'under maintenance {{duration}}',
  dayNoDowntime: 'no downtime',
  // availability
  days_one: '{{count}} day',
  days_other: '{{count}} days',
  overRecorded: 'over the {{duration}} recorded',
  ownOnly: 'own signals only: {{percent}}',
  ownOnlyWithPast_one:
    "own signals only: {{percent}} (with {{count}} day before recording, from PagerDuty's past incidents)",
  ownOnlyWithPast_other:
    "own signals only: {{percent}} (with {{count}} days before recording, from PagerDuty's past incidents)",
  // a day's level changes
  ownSignals: 'own signals: {{signals}}',
  becauseOfLabel: 'because of',
  whatDayChanges: 'the changes of {{day}}',
  changesOn: 'Changes on {{day}}',
  dayChanges_one: '{{day}}: {{count}} change',
  dayChanges_other: '{{day}}: {{count}} changes',
  dayNoChange: '{{day}}: no change of level',
  dayTruncated: '(the first 500 shown)',
  deploysOf: 'Deploys of {{day}}',
  deploysHeading: 'Deploys and other changes that day, on it and its upstreams',
  // the history card
  historyTitle: 'History: the last 90 days',
  whatHistory: 'the history',
  meanOfMembers_one:
    'The mean of its {{count}} member; each bar is as bad as its worst member that day.',
  meanOfMembers_other:
    'The mean of its {{count}} members; each bar is as bad as its worst member that day.',
  historyExplained:
    'Down means a partial or major outage. "Own signals only" counts the time its own incidents and alerts put it there; the rest was caused by what it depends on. Upper half of each bar: its own signals; lower half: its level with its upstreams.',
  recordedSince: 'Recorded since {{date}}.',
  backfilledFrom:
    "Days from {{date}} until then come from PagerDuty's past incidents only: their upper half shows the incidents, their lower half stays grey because what the upstreams did is not known; availability counts recorded time only.",
  historyTruncated:
    'It changed level so often that its oldest days are incomplete.',
  // incident response
  responseTitle: 'Incident response',
  whatResponse: 'the incident response',
  columnPeriod: 'Period',
  columnTeam: 'Team',
  columnServices: 'Services',
  columnIncidents: 'Incidents',
  columnMtta: 'MTTA',
  columnMttr: 'MTTR',
  incidentsBefore: '{{current}} (before: {{previous}})',
  trendSame: '{{now}} (as {{before}} the period before)',
  trendBetter: '{{now}} (better than {{before}} the period before)',
  trendWorse: '{{now}} (worse than {{before}} the period before)',
  responseExplained_one:
    "Over the PagerDuty incidents created in each period on its service: MTTA is the mean time from an incident's creation to its acknowledgement (of those acknowledged), MTTR to its resolution (of those resolved).",
  responseExplained_other:
    "Over the PagerDuty incidents created in each period on {{count}} services: MTTA is the mean time from an incident's creation to its acknowledgement (of those acknowledged), MTTR to its resolution (of those resolved).",
  countedRecorded:
    'Incidents count from when the status layer began recording.',
  countedRecordedSince:
    'Incidents count from when the status layer began recording ({{observed}}).',
  countedBackfilling:
    'Past incidents are still being read from PagerDuty ({{count}} so far): figures before the status layer began recording are incomplete.',
  countedBackfillingSince:
    'Past incidents are still being read from PagerDuty ({{count}} so far): figures before the status layer began recording ({{observed}}) are incomplete.',
  countedBackfilled:
    "Incidents count from {{from}}: those before the status layer began recording were read from PagerDuty's analytics, with their first acknowledgement.",
  countedBackfilledSince:
    "Incidents count from {{from}}: those before the status layer began recording ({{observed}}) were read from PagerDuty's analytics, with their first acknowledgement.",
  responseTruncated:
    'There were more incidents than one answer reads: the newest are counted.',
  lastDays_one: 'Last {{count}} day',
  lastDays_other: 'Last {{count}} days',
  teamResponseLabel: 'Incident response per team',
  teamResponseExplained_one:
    "Over the PagerDuty incidents created in the last day on the services each team owns (of those you may see), against the day before: MTTA is the mean time from an incident's creation to its acknowledgement, MTTR to its resolution.",
  teamResponseExplained_other:
    "Over the PagerDuty incidents created in the last {{count}} days on the services each team owns (of those you may see), against the {{count}} days before: MTTA is the mean time from an incident's creation to its acknowledgement, MTTR to its resolution.",
  // recent changes
  changesTitle: 'Recent changes',
  changesSubheader:
    'Deploys and configuration changes on this entity and its upstreams, from PagerDuty change events, over the last 24 hours',
  whatChanges: 'the recent changes',
  changeLabel: 'Change: {{summary}}',
  onLabel: 'On',
  onUpstreamLabel: 'On the upstream',
  fromSource: 'from {{source}}',
  pathLabel: 'Path:',
  // before the entity that turned, then turnedLevel after it
  underAMinuteBefore: 'Under a minute before',
  minutesBefore: '{{minutes}} min before',
  turnedLevel: 'turned {{level}}',
  turnedLevelIncident: 'turned {{level}}: “{{incident}}”',
  hiddenChanges_one: '{{count}} more change on upstreams you cannot see.',
  hiddenChanges_other: '{{count}} more changes on upstreams you cannot see.',
  noChanges_one:
    'No changes recorded on this entity or its upstreams in the last hour.',
  noChanges_other:
    'No changes recorded on this entity or its upstreams in the last {{count}} hours.',
  onlyLatest: 'Only the latest {{count}} are listed.',
  // similar incidents
  similarTitle: 'Similar past incidents',
  similarSubheader:
    'Resolved incidents like the open ones, on this service and its upstreams, over the last 90 days',
  whatSimilar: 'past incidents',
  relationSameService: 'on the same service',
  relationRootCause: 'on the upstream this outage comes from',
  relationUpstream: 'on an upstream',
  lasted: 'lasted {{duration}}',
  resolvedBy: 'resolved by {{name}}',
  titleWordsShared: '{{percent}} % of title words shared',
  pastIncident: 'Past incident: {{title}}',
  likeLabel: 'Like {{title}}',
  likeHeading: 'Like “{{title}}”',
  noSimilar_one:
    'No resolved incident of the last day on this service or its upstreams resembles it.',
  noSimilar_other:
    'No resolved incident of the last {{count}} days on this service or its upstreams resembles it.',
  hiddenMatches: '{{count}} more on upstreams you cannot see.',
};

/**
 * The same words in Japanese (`_other` alone for plurals: Japanese has one
 * form); every key but the `_one` forms, so a missing one is a type error.
 */
export const HISTORY_MESSAGES_JA: Record<
  Exclude<keyof typeof HISTORY_MESSAGES, `${string}_one`>,
  string
> = {
  dailyHistory: '日ごとの履歴',
  todayUtc: '今日 (UTC)',
  hiddenUpstream: '閲覧できない上流',
  anUpstream: '上流',
  noData: 'データなし',
  dayNotRecorded: '{{date}}: データなし (まだ記録されていません)',
  dayBackfilled_other:
    '{{date}}: PagerDuty の過去のインシデントより (記録開始前): インシデント {{count}} 件、計 {{duration}}、最悪時は{{level}}。上流の状態は不明',
  dayBackfilledNone:
    '{{date}}: PagerDuty の過去のインシデントより (記録開始前): インシデントなし。上流の状態は不明',
  dayWorst: '{{date}}: 最悪時は{{level}}',
  dayOwnDowntime: '自身のシグナルによる停止 {{duration}}',
  dayUpstreamDowntime: '{{upstreams}} による停止 {{duration}}',
  dayDegraded: '性能低下 {{duration}}',
  dayMaintenance: 'メンテナンス中 {{duration}}',
  dayNoDowntime: '停止なし',
  days_other: '{{count}} 日間',
  overRecorded: '記録された {{duration}} の間',
  ownOnly: '自身のシグナルのみ: {{percent}}',
  ownOnlyWithPast_other:
    '自身のシグナルのみ: {{percent}} (記録開始前の {{count}} 日間を PagerDuty の過去のインシデントから算出)',
  ownSignals: '自身のシグナル: {{signals}}',
  becauseOfLabel: '原因:',
  whatDayChanges: '{{day}} の変更',
  changesOn: '{{day}} の変更',
  dayChanges_other: '{{day}}: {{count}} 件の変更',
  dayNoChange: '{{day}}: レベルの変更なし',
  dayTruncated: '(最初の 500 件を表示)',
  deploysOf: '{{day}} のデプロイ',
  deploysHeading:
    'その日のこのエンティティと上流へのデプロイおよびその他の変更',
  historyTitle: '履歴: 過去 90 日間',
  whatHistory: '履歴',
  meanOfMembers_other:
    'メンバー {{count}} 件の平均です。各バーは、その日の最も悪いメンバーの状態を示します。',
  historyExplained:
    '停止とは、部分的な障害または重大な障害を指します。「自身のシグナルのみ」は、自身のインシデントとアラートによってその状態になった時間を数え、残りは依存先が原因です。各バーの上半分は自身のシグナル、下半分は上流を含めたレベルです。',
  recordedSince: '{{date}} から記録しています。',
  backfilledFrom:
    '{{date}} から記録開始までの日は、PagerDuty の過去のインシデントだけに基づきます。上半分はインシデントを示し、上流の状態は不明なため下半分は灰色のままです。可用性は記録された時間だけで計算します。',
  historyTruncated: 'レベルの変化が多すぎるため、古い日の記録は不完全です。',
  responseTitle: 'インシデント対応',
  whatResponse: 'インシデント対応',
  columnPeriod: '期間',
  columnTeam: 'チーム',
  columnServices: 'サービス',
  columnIncidents: 'インシデント',
  columnMtta: 'MTTA',
  columnMttr: 'MTTR',
  incidentsBefore: '{{current}} (前の期間: {{previous}})',
  trendSame: '{{now}} (前の期間と同じ {{before}})',
  trendBetter: '{{now}} (前の期間の {{before}} から改善)',
  trendWorse: '{{now}} (前の期間の {{before}} から悪化)',
  responseExplained_other:
    '各期間に {{count}} 件のサービスで作成された PagerDuty インシデントが対象です。MTTA はインシデントの作成から確認までの平均時間 (確認済みのもの)、MTTR は解決までの平均時間 (解決済みのもの) です。',
  countedRecorded:
    'インシデントは、ステータスレイヤーが記録を開始した時点から数えています。',
  countedRecordedSince:
    'インシデントは、ステータスレイヤーが記録を開始した時点 ({{observed}}) から数えています。',
  countedBackfilling:
    '過去のインシデントを PagerDuty から読み込んでいます (これまでに {{count}} 件)。ステータスレイヤーの記録開始前の数値は不完全です。',
  countedBackfillingSince:
    '過去のインシデントを PagerDuty から読み込んでいます (これまでに {{count}} 件)。ステータスレイヤーの記録開始 ({{observed}}) 前の数値は不完全です。',
  countedBackfilled:
    'インシデントは {{from}} から数えています。ステータスレイヤーの記録開始前のものは、PagerDuty の分析データから最初の確認時刻とともに読み込みました。',
  countedBackfilledSince:
    'インシデントは {{from}} から数えています。ステータスレイヤーの記録開始 ({{observed}}) 前のものは、PagerDuty の分析データから最初の確認時刻とともに読み込みました。',
  responseTruncated:
    'インシデントが 1 回の応答で読み込める件数を超えたため、新しいものから数えています。',
  lastDays_other: '過去 {{count}} 日間',
  teamResponseLabel: 'チーム別のインシデント対応',
  teamResponseExplained_other:
    '各チームが所有するサービス (閲覧できるもの) で過去 {{count}} 日間に作成された PagerDuty インシデントを、その前の {{count}} 日間と比較しています。MTTA はインシデントの作成から確認までの平均時間、MTTR は解決までの平均時間です。',
  changesTitle: '最近の変更',
  changesSubheader:
    'PagerDuty の変更イベントによる、過去 24 時間のこのエンティティとその上流へのデプロイおよび設定変更',
  whatChanges: '最近の変更',
  changeLabel: '変更: {{summary}}',
  onLabel: '対象:',
  onUpstreamLabel: '上流:',
  fromSource: '送信元: {{source}}',
  pathLabel: '経路:',
  underAMinuteBefore: '1 分以内に',
  minutesBefore: '{{minutes}} 分後に',
  turnedLevel: 'が{{level}}になりました',
  turnedLevelIncident: 'が{{level}}になりました: 「{{incident}}」',
  hiddenChanges_other:
    '閲覧できない上流で、ほかに {{count}} 件の変更があります。',
  noChanges_other:
    '過去 {{count}} 時間に、このエンティティとその上流で記録された変更はありません。',
  onlyLatest: '最新の {{count}} 件のみ表示しています。',
  similarTitle: '類似する過去のインシデント',
  similarSubheader:
    '過去 90 日間に、このサービスとその上流で解決された、発生中のインシデントに似たインシデント',
  whatSimilar: '過去のインシデント',
  relationSameService: '同じサービスで発生',
  relationRootCause: 'この障害の原因となった上流で発生',
  relationUpstream: '上流で発生',
  lasted: '継続時間 {{duration}}',
  resolvedBy: '解決者: {{name}}',
  titleWordsShared: 'タイトルの語句の {{percent}} % が共通',
  pastIncident: '過去のインシデント: {{title}}',
  likeLabel: '{{title}} に類似',
  likeHeading: '「{{title}}」に類似',
  noSimilar_other:
    '過去 {{count}} 日間に、このサービスまたはその上流で解決されたインシデントのうち、これに似たものはありません。',
  hiddenMatches: '閲覧できない上流に、ほかに {{count}} 件あります。',
};

/** The Japanese words keyed as the translation ref names them (`history.<key>`). */
export const HISTORY_TRANSLATIONS_JA = sectionTranslations(
  'history',
  HISTORY_MESSAGES_JA,
);
