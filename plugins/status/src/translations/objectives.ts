import { sectionTranslations } from './sectionTranslations';

/**
 * The words of service level objectives and error budgets, in English, by
 * key: the defaults of the translation ref's `objectives` section.
 */
export const OBJECTIVE_MESSAGES = {
  what: 'the objective',
  title: 'Objective and error budget',
  sectionSummary: 'Up-time objective, error budget left and who spent it',
  objective: '{{target}} % up over {{days}} days',
  fromAnnotation: 'set by its status.backstage.io/slo annotation',
  fromConfig: 'a default of this portal',
  none: 'No objective. Add the annotation status.backstage.io/slo (for example "99.9") to its catalog-info.yaml.',
  problem: 'Its objective cannot be read: {{problem}}',
  nothingKnown: 'Nothing recorded in the window yet.',
  attainment: '{{percent}} % up over the {{known}} the status layer knows of',
  budgetLeft: '{{percent}} % of the error budget left ({{left}} of {{budget}})',
  budgetSpent:
    'Error budget spent: {{percent}} % used ({{spent}} of {{budget}})',
  budgetLabel: 'Error budget left',
  spentBy: 'Who spent it',
  spentOwn: 'Its own signals: {{duration}} ({{percent}} % of the budget)',
  spentUpstream: '{{duration}} ({{percent}} % of the budget)',
  hiddenUpstream: 'An upstream you cannot see',
  nothingSpent: 'No downtime in the window.',
  burnTitle: 'Burn rate',
  burnHour: 'Last hour: {{rate}}× (own {{own}}×, inherited {{inherited}}×)',
  burnDay: 'Last day: {{rate}}× (own {{own}}×, inherited {{inherited}}×)',
  burnExplained: '1× spends the budget exactly over the window.',
  exhausts: 'At the last hour’s pace, the budget runs out by {{time}}.',
  maintenance: '{{duration}} under maintenance is left out of the window.',
  maintenanceCounted:
    '{{duration}} under maintenance counts as its own downtime.',
  rollupTitle: 'Objectives of its members',
  rollupWhat: 'the objectives of its members',
  rollupNone: 'None of its members has an objective.',
  rollupWithout_one: '{{count}} member has no objective.',
  rollupWithout_other: '{{count}} members have no objective.',
  rollupTruncated: 'The first {{count}} members with an objective are shown.',
  columnEntity: 'Entity',
  columnObjective: 'Objective',
  columnBudget: 'Budget left',
  columnSpent: 'Spent by',
  columnBurn: 'Burn rate, last hour',
  objectiveShort: '{{target}} % / {{days}} d',
  spentShort: 'own {{own}}, inherited {{inherited}}',
  spentTop: 'most by {{entity}}',
  unknown: 'not known yet',
  budgetCell: '{{percent}} % budget',
  budgetCellSpent: 'budget spent',
  budgetDetails:
    'Error budget left: {{percent}} % ({{target}} % up over {{days}} days). Used by its own downtime: {{own}} %; by upstreams: {{inherited}} %.',
  budgetDetailsUnknown:
    'Error budget of {{target}} % up over {{days}} days: nothing recorded yet.',
  budgetTop: 'Most by {{entity}} ({{percent}} %).',
  burningOwn: 'Burning fast: its own downtime.',
  burningInherited: 'Burning fast: inherited from upstreams.',
  burningMark: 'burning fast',
  degradedCounts: 'Degraded time counts as downtime too.',
};

const OBJECTIVE_MESSAGES_JA: typeof OBJECTIVE_MESSAGES = {
  what: '目標',
  title: '目標とエラーバジェット',
  sectionSummary: '稼働率の目標、残りのエラーバジェット、消費した原因',
  objective: '{{days}} 日間で {{target}} % の稼働',
  fromAnnotation: 'status.backstage.io/slo アノテーションによる設定',
  fromConfig: 'このポータルの既定値',
  none: '目標がありません。catalog-info.yaml に status.backstage.io/slo アノテーション (例: "99.9") を追加してください。',
  problem: '目標を読み取れません: {{problem}}',
  nothingKnown: '期間内の記録はまだありません。',
  attainment:
    'ステータスレイヤーが把握している {{known}} のうち {{percent}} % 稼働',
  budgetLeft: 'エラーバジェットの残り {{percent}} % ({{budget}} 中 {{left}})',
  budgetSpent:
    'エラーバジェットを使い切りました: {{percent}} % 使用 ({{budget}} 中 {{spent}})',
  budgetLabel: 'エラーバジェットの残り',
  spentBy: '消費した原因',
  spentOwn: '自身のシグナル: {{duration}} (バジェットの {{percent}} %)',
  spentUpstream: '{{duration}} (バジェットの {{percent}} %)',
  hiddenUpstream: '閲覧できない上流',
  nothingSpent: '期間内のダウンタイムはありません。',
  burnTitle: 'バーンレート',
  burnHour: '直近 1 時間: {{rate}}× (自身 {{own}}×、継承 {{inherited}}×)',
  burnDay: '直近 1 日: {{rate}}× (自身 {{own}}×、継承 {{inherited}}×)',
  burnExplained: '1× は期間内にちょうどバジェットを使い切るペースです。',
  exhausts: '直近 1 時間のペースでは、バジェットは {{time}} までに尽きます。',
  maintenance: 'メンテナンス中の {{duration}} は期間から除外されています。',
  maintenanceCounted:
    'メンテナンス中の {{duration}} は自身のダウンタイムとして数えています。',
  rollupTitle: 'メンバーの目標',
  rollupWhat: 'メンバーの目標',
  rollupNone: '目標のあるメンバーはいません。',
  rollupWithout_one: '{{count}} 件のメンバーには目標がありません。',
  rollupWithout_other: '{{count}} 件のメンバーには目標がありません。',
  rollupTruncated: '目標のある最初の {{count}} 件のメンバーを表示しています。',
  columnEntity: 'エンティティ',
  columnObjective: '目標',
  columnBudget: '残りのバジェット',
  columnSpent: '消費した原因',
  columnBurn: 'バーンレート (直近 1 時間)',
  objectiveShort: '{{target}} % / {{days}} 日',
  spentShort: '自身 {{own}}、継承 {{inherited}}',
  spentTop: '最大は {{entity}}',
  unknown: 'まだ不明',
  budgetCell: 'バジェット {{percent}} %',
  budgetCellSpent: 'バジェット消費済み',
  budgetDetails:
    'エラーバジェットの残り {{percent}} % ({{days}} 日間で {{target}} % の稼働)。自身のダウンタイムによる消費: {{own}} %、上流による消費: {{inherited}} %。',
  budgetDetailsUnknown:
    '{{days}} 日間で {{target}} % の稼働のエラーバジェット: まだ記録がありません。',
  budgetTop: '最も多いのは {{entity}} ({{percent}} %)。',
  burningOwn: '急速に消費中: 自身のダウンタイム。',
  burningInherited: '急速に消費中: 上流からの影響。',
  burningMark: '急速に消費中',
  degradedCounts: 'パフォーマンス低下の時間もダウンタイムとして数えます。',
};

/** The Japanese words keyed as the translation ref names them (`objectives.<key>`). */
export const OBJECTIVE_TRANSLATIONS_JA = sectionTranslations(
  'objectives',
  OBJECTIVE_MESSAGES_JA,
);
