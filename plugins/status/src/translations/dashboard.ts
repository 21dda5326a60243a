import { sectionTranslations } from './sectionTranslations';

/**
 * The words of the company dashboard (headline, tabs, problems, everything list, incident feed, outage map, unmatched alerts), roll-ups, the home-page card and maintenance, in English, by key: the defaults of the translation
 * ref's `dashboard` section. A key ending in `_one` / `_other` is a plural,
 * chosen by the `count` parameter.
 */
export const DASHBOARD_MESSAGES = {
  // the company dashboard: headline and tabs
  title: 'Company status',
  whatCompanyStatus: "the company's status",
  tabsLabel: 'Views',
  tabBroken: 'What is broken',
  tabEverything: 'Everything',
  tabIncidents: 'Active incidents',
  tabMap: 'Dependency map',
  tabResponse: 'Incident response',
  tabUnmatched: 'Unmatched alerts',
  tabFollowing: 'Following',
  noTeams:
    'You belong to no group in the catalog, so there is no team to show.',
  yourTeamsNote: '(your teams: {{teams}}, and what they depend on)',
  // the summary bar
  allOperational: 'All systems operational',
  bannerMajorOutages_one: '{{count}} major outage',
  bannerMajorOutages_other: '{{count}} major outages',
  bannerPartialOutages_one: '{{count}} partial outage',
  bannerPartialOutages_other: '{{count}} partial outages',
  bannerDegraded_one: '{{count}} degraded service',
  bannerDegraded_other: '{{count}} degraded services',
  bannerListMore: '{{list}}, {{part}}',
  bannerListLast: '{{list}} and {{part}}',
  bannerAffecting_one: '{{list}} affecting {{count}} other entity',
  bannerAffecting_other: '{{list}} affecting {{count}} other entities',
  bannerNote:
    'Counted where they start: entities down by their own signals, and the other entities they reach.',
  countsLabel: 'Entities per level',
  countsNote:
    'Every entity you can see at its level, impact inherited from upstreams included.',
  // what is broken
  impactedCount: '{{count}} impacted',
  openedAgo: 'opened {{ago}}',
  onCallLabel: 'On call:',
  probableSymptomOf: 'Probably a symptom of {{name}}',
  statusTabLabel: 'Status tab:',
  probableCauseLabel: 'Probable cause:',
  incidentsHeading: 'Incidents',
  firingAlertsHeading: 'Firing alerts',
  ownerHeading: 'Owner',
  onCallNowHeading: 'On call now',
  impactedHeading: 'Impacted ({{count}})',
  nothingImpacted: 'Nothing depends on it, or nothing you can see.',
  impactedBy: 'Impacted by {{entity}}',
  andMore: 'and {{count}} more',
  elsewhere: 'Also: {{count}} under maintenance or of unknown state',
  nothingBroken: 'Nothing is broken',
  nothingBrokenDescription:
    'No entity you can see has an active incident or alert.',
  showMoreProblems_one: 'Show {{shown}} more of {{count}} other problem',
  showMoreProblems_other: 'Show {{shown}} more of {{count}} other problems',
  moreProblemsFailed: 'Could not read more problems: {{error}}',
  // everything
  noData: 'no data',
  recentDaysLabel: 'Last {{count}} days, oldest first: {{levels}}',
  recentDaysTitle: 'Last {{count}} days: {{levels}}',
  viaLabel: 'via',
  expandGroup: 'Expand {{name}}',
  collapseGroup: 'Collapse {{name}}',
  entityCount_one: '{{count}} entity',
  entityCount_other: '{{count}} entities',
  loadingEntities: 'Loading the entities…',
  entitiesOutOf_one: '{{shown}} of {{count}} entity',
  entitiesOutOf_other: '{{shown}} of {{count}} entities',
  entitiesOutOfScoped_one: '{{shown}} of {{count}} entity {{scope}}',
  entitiesOutOfScoped_other: '{{shown}} of {{count}} entities {{scope}}',
  listFailed:
    'Could not read the list: {{error}}. The rows shown may be out of date; the list is read again on the next change.',
  entitiesLabel: 'Entities',
  loadingRow: 'Loading…',
  // active incidents
  whatIncidents: 'the active incidents',
  noActiveIncidents: 'No active incidents',
  noActiveIncidentsDescription:
    'No incident is triggered or acknowledged on a service you can see.',
  activeIncidentsLabel: 'Active incidents, newest first',
  probableSymptoms_one: '{{count}} probable symptom of this incident',
  probableSymptoms_other: '{{count}} probable symptoms of this incident',
  probableSymptomsOf: 'Probable symptoms of {{title}}',
  // outage map
  whatOutageMap: 'the outage map',
  noSpreadingOutage: 'No outage spreads right now',
  noSpreadingOutageDescription:
    'No entity in an outage has dependents that it impacts.',
  // unmatched alerts; what is between backticks is shown as code
  alertsRefused: '{{source}}: alerts refused',
  unmatchedIntro:
    "These alerts fire but name no entity in the catalog. An alert is tied to its entity by the entity's annotation for its tool, an entity ref in the webhook URL (`?entity=component:default/name`), a `backstage_entity` label, a `service`, `app`, `component` or `job` label equal to the entity's name, or a name it carries that fits exactly one entity.",
  maybeLabel: 'Maybe:',
  mapItLabel: "To map it, add to that entity's `catalog-info.yaml`:",
  forStatusAdmins: 'For status admins',
  forStatusAdminsDescription:
    'Alerts that match no entity can name services you may not read, so only status admins (the `status.admin` permission) see them. Ask the people who run this portal if you map alerts for your teams.',
  pageRange: '{{from}}–{{to}} of {{total}}',
  noUnmatchedAlerts: 'Every firing alert belongs to an entity.',
  previous: 'Previous',
  next: 'Next',
  // roll-ups
  whatStatus: 'the status',
  rollupTitle: 'Roll-up',
  membersPerLevel: 'Members per level',
  notOperational: 'Not operational',
  brokenUpstreamLabel: 'Broken upstream:',
  impactsCount: 'impacts {{count}}',
  noMembers: 'Nothing to roll up: no member is in the catalog.',
  brokenUpstreamsOfGroup: 'What your services depend on that is broken',
  brokenUpstreamsOutside: 'Broken dependencies outside it',
  upstreamImpacts: '{{level}} — impacts {{count}} of yours',
  membersOfSystem: 'Parts of this system',
  membersOfDomain: 'Systems of this domain',
  membersOfGroup: 'Services you own',
  members: 'Members',
  columnEntity: 'Entity',
  columnLevel: 'Level',
  columnWhy: 'Why',
  columnIncidents: 'Incidents',
  ownIncidents_one: '{{count}} active incident of its own',
  ownIncidents_other: '{{count}} active incidents of its own',
  impactedByLabel: 'impacted by',
  // after the upstream's link
  hopsUpstream_one: ', {{count}} hop upstream',
  hopsUpstream_other: ', {{count}} hops upstream',
  moreRootCauses: ' (+{{count}} more)',
  // the home page card
  teamsFailed: 'Could not read your teams: {{error}}',
  noTeamServices:
    'You belong to no team in the catalog, so there are no services of yours to follow.',
  whatYourServices: 'your services',
  allServicesOperational_one:
    'The {{count}} service your teams own or depend on is operational.',
  allServicesOperational_other:
    'All {{count}} services your teams own or depend on are operational.',
  becauseOfLabel: 'because of',
  moreOnStatusPage: 'and {{count}} more on the status page',
  // maintenance
  maintenance: 'Maintenance',
  todayAt: 'today {{time}}',
  dayAt: '{{day}} {{time}}',
  windowUntil: '{{what}}: until {{end}}',
  windowUntilBy: '{{what}}: until {{end}} (planned by {{by}})',
  windowFromTo: '{{what}}: {{start}} to {{end}}',
  windowFromToBy: '{{what}}: {{start}} to {{end}} (planned by {{by}})',
  planned: 'Planned',
  maintenanceWindows: 'Maintenance windows',
  maintenanceNote:
    "While a window runs, this service's incidents do not raise its level and its dependents are not alarmed by it; its history counts the time as maintenance, not downtime.",
  companyMaintenance: 'Company maintenance',
  // the catalog's Status column
  statusColumn: 'Status',
  statusUnavailable: 'Status unavailable',
  noStatus: 'No status',
  viaUpstream: 'via an upstream',
};

/**
 * The same words in Japanese (`_other` alone for plurals: Japanese has one
 * form); every key but the `_one` forms, so a missing one is a type error.
 */
export const DASHBOARD_MESSAGES_JA: Record<
  Exclude<keyof typeof DASHBOARD_MESSAGES, `${string}_one`>,
  string
> = {
  title: '全社のステータス',
  whatCompanyStatus: '全社のステータス',
  tabsLabel: 'ビュー',
  tabBroken: '発生中の問題',
  tabEverything: 'すべて',
  tabIncidents: 'アクティブなインシデント',
  tabMap: '依存関係マップ',
  tabResponse: 'インシデント対応',
  tabUnmatched: '未対応付けのアラート',
  tabFollowing: 'フォロー中',
  noTeams:
    'カタログ上でどのグループにも所属していないため、表示するチームがありません。',
  yourTeamsNote: '(自分のチーム: {{teams}}、およびその依存先)',
  allOperational: 'すべてのシステムが正常に稼働しています',
  bannerMajorOutages_other: '重大な障害 {{count}} 件',
  bannerPartialOutages_other: '部分的な障害 {{count}} 件',
  bannerDegraded_other: '性能低下のサービス {{count}} 件',
  bannerListMore: '{{list}}、{{part}}',
  bannerListLast: '{{list}}、{{part}}',
  bannerAffecting_other:
    '{{list}}がほかのエンティティ {{count}} 件に影響しています',
  bannerNote:
    '障害の起点で数えています: 自身のシグナルで停止しているエンティティと、その影響が及ぶほかのエンティティです。',
  countsLabel: 'レベル別のエンティティ数',
  countsNote:
    '閲覧できるすべてのエンティティを、上流から受けた影響も含めたレベルで数えています。',
  impactedCount: '影響 {{count}} 件',
  openedAgo: '{{ago}}に発生',
  onCallLabel: 'オンコール:',
  probableSymptomOf: '{{name}} の障害による症状の可能性',
  statusTabLabel: 'ステータスタブ:',
  probableCauseLabel: '推定原因:',
  incidentsHeading: 'インシデント',
  firingAlertsHeading: '発生中のアラート',
  ownerHeading: 'オーナー',
  onCallNowHeading: '現在のオンコール担当',
  impactedHeading: '影響を受けるエンティティ ({{count}})',
  nothingImpacted: 'これに依存するものはないか、閲覧できるものはありません。',
  impactedBy: '{{entity}} の影響を受けるエンティティ',
  andMore: 'ほか {{count}} 件',
  elsewhere: 'その他: メンテナンス中または状態不明 {{count}} 件',
  nothingBroken: '問題は発生していません',
  nothingBrokenDescription:
    '閲覧できるエンティティに、アクティブなインシデントやアラートはありません。',
  showMoreProblems_other: 'ほかの問題 {{count}} 件のうち {{shown}} 件を表示',
  moreProblemsFailed: 'ほかの問題を読み込めませんでした: {{error}}',
  noData: 'データなし',
  recentDaysLabel: '過去 {{count}} 日間 (古い順): {{levels}}',
  recentDaysTitle: '過去 {{count}} 日間: {{levels}}',
  viaLabel: '原因:',
  expandGroup: '{{name}} を展開',
  collapseGroup: '{{name}} を折りたたむ',
  entityCount_other: '{{count}} 件のエンティティ',
  loadingEntities: 'エンティティを読み込んでいます…',
  entitiesOutOf_other: 'エンティティ {{count}} 件中 {{shown}} 件',
  entitiesOutOfScoped_other:
    'エンティティ {{count}} 件中 {{shown}} 件 {{scope}}',
  listFailed:
    '一覧を読み込めませんでした: {{error}}。表示中の行は古い可能性があります。次の変更時に一覧を再度読み込みます。',
  entitiesLabel: 'エンティティ',
  loadingRow: '読み込み中…',
  whatIncidents: 'アクティブなインシデント',
  noActiveIncidents: 'アクティブなインシデントはありません',
  noActiveIncidentsDescription:
    '閲覧できるサービスに、トリガー済みまたは確認済みのインシデントはありません。',
  activeIncidentsLabel: 'アクティブなインシデント (新しい順)',
  probableSymptoms_other: 'このインシデントによる症状の可能性 {{count}} 件',
  probableSymptomsOf: '{{title}} による症状の可能性',
  whatOutageMap: '障害マップ',
  noSpreadingOutage: '現在、波及している障害はありません',
  noSpreadingOutageDescription:
    '障害中のエンティティに、影響を受ける依存元はありません。',
  alertsRefused: '{{source}}: アラートを受け付けていません',
  unmatchedIntro:
    'これらのアラートは発生中ですが、カタログのどのエンティティにも対応付けられていません。アラートは次のいずれかでエンティティに対応付けられます: ツールごとのエンティティのアノテーション、Webhook URL 内のエンティティ参照 (`?entity=component:default/name`)、`backstage_entity` ラベル、エンティティ名と一致する `service`・`app`・`component`・`job` ラベル、またはちょうど 1 つのエンティティに当てはまる名前。',
  maybeLabel: '候補:',
  mapItLabel:
    '対応付けるには、そのエンティティの `catalog-info.yaml` に次を追加してください:',
  forStatusAdmins: 'ステータス管理者向け',
  forStatusAdminsDescription:
    'どのエンティティにも対応しないアラートには閲覧権限のないサービスが含まれることがあるため、ステータス管理者 (`status.admin` 権限) だけが閲覧できます。自分のチームのアラートを対応付ける場合は、このポータルの運用担当者に依頼してください。',
  pageRange: '{{total}} 件中 {{from}}–{{to}} 件',
  noUnmatchedAlerts:
    '発生中のアラートはすべてエンティティに対応付けられています。',
  previous: '前へ',
  next: '次へ',
  whatStatus: 'ステータス',
  rollupTitle: 'ロールアップ',
  membersPerLevel: 'レベル別のメンバー数',
  notOperational: '正常でないもの',
  brokenUpstreamLabel: '障害中の上流:',
  impactsCount: '影響 {{count}} 件',
  noMembers: 'ロールアップする対象がありません: カタログにメンバーがいません。',
  brokenUpstreamsOfGroup: 'サービスの依存先で発生している障害',
  brokenUpstreamsOutside: '外部の依存先の障害',
  upstreamImpacts: '{{level}} — 自分のサービス {{count}} 件に影響',
  membersOfSystem: 'このシステムの構成要素',
  membersOfDomain: 'このドメインのシステム',
  membersOfGroup: '所有するサービス',
  members: 'メンバー',
  columnEntity: 'エンティティ',
  columnLevel: 'レベル',
  columnWhy: '理由',
  columnIncidents: 'インシデント',
  ownIncidents_other: '自身のアクティブなインシデント {{count}} 件',
  impactedByLabel: '影響元:',
  hopsUpstream_other: '、{{count}} ホップ上流',
  moreRootCauses: ' (ほか {{count}} 件)',
  teamsFailed: '自分のチームを読み込めませんでした: {{error}}',
  noTeamServices:
    'カタログ上でどのチームにも所属していないため、フォローする自分のサービスがありません。',
  whatYourServices: '自分のサービス',
  allServicesOperational_other:
    'チームが所有または依存するサービス {{count}} 件はすべて正常です。',
  becauseOfLabel: '原因:',
  moreOnStatusPage: 'ほか {{count}} 件はステータスページで確認できます',
  maintenance: 'メンテナンス',
  todayAt: '今日 {{time}}',
  dayAt: '{{day}} {{time}}',
  windowUntil: '{{what}}: {{end}} まで',
  windowUntilBy: '{{what}}: {{end}} まで (計画者: {{by}})',
  windowFromTo: '{{what}}: {{start}} から {{end}} まで',
  windowFromToBy: '{{what}}: {{start}} から {{end}} まで (計画者: {{by}})',
  planned: '予定',
  maintenanceWindows: 'メンテナンス期間',
  maintenanceNote:
    'メンテナンス期間中は、このサービスのインシデントによってレベルが上がらず、依存元にも警告が出ません。履歴では、この時間はダウンタイムではなくメンテナンスとして数えられます。',
  companyMaintenance: '全社のメンテナンス',
  statusColumn: 'ステータス',
  statusUnavailable: 'ステータスを取得できません',
  noStatus: 'ステータスなし',
  viaUpstream: '上流の影響',
};

/** The Japanese words keyed as the translation ref names them (`dashboard.<key>`). */
export const DASHBOARD_TRANSLATIONS_JA = sectionTranslations(
  'dashboard',
  DASHBOARD_MESSAGES_JA,
);
