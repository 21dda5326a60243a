import { sectionTranslations } from './sectionTranslations';

/**
 * The words of the entity's Status tab and overview card (the answer, sections, root causes, upstreams, own signals, follow, public links, configuration problems), in English, by key: the defaults of the translation
 * ref's `statusTab` section. A key ending in `_one` / `_other` is a plural,
 * chosen by the `count` parameter.
 */
export const STATUS_TAB_MESSAGES = {
  // the tab and its sections
  whatEntityStatus: 'the status of this entity',
  refreshFailed: 'Could not refresh the status; showing the last answer',
  retryNow: 'Retry now',
  notAnnotated:
    '{{name}} has no signal source of its own, so it only shows the impact of its dependencies. Connect it to its PagerDuty service by adding this annotation to its catalog-info.yaml:',
  rootCausesTitle_one: 'Why: upstream root cause',
  rootCausesTitle_other: 'Why: upstream root causes',
  rootCausesSummary_one:
    '{{count}} root cause, with incidents, owner and on-call',
  rootCausesSummary_other:
    '{{count}} root causes, with incidents, owner and on-call',
  maintenanceTitle: 'Maintenance',
  maintenanceSummary_one: '{{count}} window',
  maintenanceSummary_other: '{{count}} windows',
  ownSignalsTitle: 'Own signals, owner and on-call',
  ownSignalsSummary: '{{incidents}}, {{alerts}}',
  incidentCount_one: '{{count}} incident',
  incidentCount_other: '{{count}} incidents',
  alertCount_one: '{{count}} alert',
  alertCount_other: '{{count}} alerts',
  upstreamsTitle: 'Upstream dependencies',
  downstreamTitle: 'Downstream impact',
  similarTitle: 'Similar past incidents',
  changesTitle: 'Recent changes',
  changesSummary: 'deploys and changes on it and its upstreams',
  historyTitle: 'History and availability',
  historySummary: 'the last 90 days, own and inherited downtime',
  responseTitle: 'Incident response',
  responseSummary: 'time to acknowledge and to resolve',
  sharingTitle: 'Public links',
  sharingSummary: 'share this status with people without a portal account',
  // own signals, owner and on-call
  ownSignalsCard: "This entity's own signals",
  pagerDutyIncidents: 'PagerDuty incidents',
  notConnected: 'Not connected to PagerDuty',
  monitoringAlerts: 'Monitoring alerts',
  ownerAndOnCall: 'Owner and on-call',
  owner: 'Owner',
  onCallNow: 'On call now',
  // the answer
  health: 'Health',
  why: 'Why',
  ownIncidentTriggered:
    'its own incident “{{title}}” (#{{number}}, triggered {{ago}})',
  ownIncidentAcknowledged:
    'its own incident “{{title}}” (#{{number}}, acknowledged {{ago}})',
  ownIncidentResolved:
    'its own incident “{{title}}” (#{{number}}, resolved {{ago}})',
  whoToCall: 'Who to call',
  whoToCallRootCause: 'Who to call (root cause)',
  askOwnerOf: 'the root cause is hidden from you; ask the owner of {{entity}}',
  action: 'Action',
  answerNoPolicy: 'no PagerDuty escalation policy',
  answerNobodyOnCall: 'nobody is on call now',
  answerOnCall: 'on call now: {{name}} ({{policy}}, level {{level}})',
  joinBridge: 'Join the bridge of #{{number}}',
  openIncident: 'Open incident #{{number}} in PagerDuty',
  ownLevel: 'Own signals',
  inheritedLevel: 'Inherited from dependencies',
  // root causes
  rootCauseHidden: 'Root cause: an upstream you cannot see',
  rootCause: 'Root cause: {{entity}}',
  hopsUpstream_one: '{{count}} hop upstream',
  hopsUpstream_other: '{{count}} hops upstream',
  impactOnThis: 'Impact on this entity: {{level}}',
  hiddenRootCauseHint:
    'You may not read this upstream in the catalog, so its name, owner and incidents are not shown. Its owners see this outage on their own status pages; ask the owner of the last entity you can see on the path.',
  activeIncidents: 'Active incidents',
  firingAlerts: 'Firing alerts',
  // upstreams and downstream
  via: 'via {{path}}',
  criticalDependency: 'critical dependency',
  inCycle: 'in a dependency cycle',
  truncated: '(further upstreams not shown)',
  everyUpstreamOperational: 'Every upstream is operational.',
  upstreamsNotOperational: 'Upstreams not operational',
  hideFullList: 'Hide the full list',
  allUpstreams: 'All {{count}} upstreams',
  allUpstreamsNearestFirst: 'All upstreams, nearest first',
  noUpstreams: 'This entity depends on nothing in the catalog.',
  graphHint: '{{depth}} levels; select a node to open it',
  upstreamSummaryNone: 'none',
  upstreamSummaryBroken: '{{broken}} of {{total}} not operational',
  upstreamSummaryOperational: 'all {{total}} operational',
  downstreamSummary: '{{dependents}} depend on this, {{impacted}} impacted',
  downstreamSummaryAtLeast:
    'at least {{dependents}} depend on this, {{impacted}} impacted',
  noDependents: 'Nothing in the catalog depends on this.',
  blastRadius: '{{dependents}}; {{impacted}}.',
  dependents_one: '{{count}} entity depends on this',
  dependents_other: '{{count}} entities depend on this',
  dependentsAtLeast_one: 'At least {{count}} entity depends on this',
  dependentsAtLeast_other: 'At least {{count}} entities depend on this',
  impactedNow_one: '{{count}} is currently impacted',
  impactedNow_other: '{{count}} are currently impacted',
  impactedDependents: 'Impacted dependents',
  andMore: 'and {{count}} more',
  // the overview card
  rootCauseLine: 'Root cause: {{entity}} ({{level}})',
  rootCauseLineMore: 'Root cause: {{entity}} ({{level}}) and {{more}} more',
  annotationProblems_one: '{{count}} annotation problem: see the Status tab',
  annotationProblems_other: '{{count}} annotation problems: see the Status tab',
  onCall: 'On call: {{who}} ({{policy}})',
  onCallNobody: 'nobody',
  onCallNotKnown: 'not known (the shifts last read have ended)',
  // follow
  followHint: 'Get a notification when {{title}} or an upstream of it fails',
  followingHint:
    'You are notified when {{title}} or an upstream of it fails. Click to stop.',
  notificationsOff: 'Notifications are turned off in this portal',
  following: 'Following',
  notifyMe: 'Notify me',
  whatYouFollow: 'What you follow',
  notificationsOffCard:
    'Notifications are turned off in this portal: following has no effect until an administrator sets status.notifications.enabled.',
  followedRemoved_one:
    'One entity you followed is no longer visible to you and was removed.',
  followedRemoved_other:
    '{{count}} entities you followed are no longer visible to you and were removed.',
  followNothing:
    'You follow nothing yet. Use “Notify me” on an entity’s Status tab to hear when it, or an upstream of it, fails.',
  followCount:
    '{{count}} of at most {{max}}. You are notified when one of these, or an upstream of it, fails, and when it recovers.',
  followedEntities: 'Followed entities',
  systemDomainOrTeam: 'System, domain or team',
  stopFollowing: 'Stop following {{title}}',
  stop: 'Stop',
  // public links
  badgeAndFeed: 'Badge and feed',
  whatBadgeAndFeed: 'the badge and feed addresses',
  notPublic:
    '{{title}} is not public. Add it to status.public.entities, or set status.public.tokenSecret to share it with a token.',
  isPublic: '{{title}} is public: anyone may read its badge and feed.',
  tokenLinks:
    "Anyone holding these addresses may read {{title}}'s level and its changes; share them with care. Changing status.public.tokenSecret revokes them.",
  badgeAlt: 'Status of {{title}}',
  badgeForReadme: 'Badge for a README',
  atomFeed: 'Atom feed of its level changes',
  // configuration problems and simulated data
  annotationsNeedFixing: 'Status annotations need fixing ({{count}})',
  problemNotServiceId:
    '"{{item}}" is not a PagerDuty service ID. Use the ID from the service\'s URL in PagerDuty, e.g. https://yours.pagerduty.com/service-directory/PABC123 → PABC123.',
  problemNotAccountName:
    '"{{item}}" is not a PagerDuty account name. Use the name of an account configured under status.pagerDuty.accounts in app-config (letters, digits, - and _), or remove the annotation for the default account.',
  problemNotEntityRef:
    '"{{item}}" is not an entity reference. Write it as kind:name or kind:namespace/name, e.g. component:auth-service.',
  problemCriticalNotDependency:
    'Listed as critical but not among its dependencies: {{items}}. Add them to spec.dependsOn or spec.consumesApis, or remove them from the annotation.',
  problemUnknownAccount:
    'No PagerDuty account "{{account}}" is configured (configured: {{configured}}). Fix the annotation, or add the account under status.pagerDuty.accounts in app-config.',
  problemUnknownAccountNone:
    'No PagerDuty account "{{account}}" is configured (configured: none). Fix the annotation, or add the account under status.pagerDuty.accounts in app-config.',
  problemUnknownService:
    "PagerDuty has no service {{id}} (account {{account}}). Check the ID in the service's URL in PagerDuty, or remove it from the annotation.",
  problemUnreadable: 'The value could not be read: {{error}}',
  simulatedData: 'Simulated data',
  simulatedDataText:
    'No PagerDuty account is connected: incidents, on-call and history come from the built-in PagerDuty simulator and are demo data. Set {{setting}} to read your PagerDuty.',
  statusPageFailing: 'A status page is not kept in step',
  statusPageFailingText:
    'The status page “{{page}}” could not be updated since {{since}}: it shows what was last published{{lastSuccess}}. The backend’s logs say why; it is tried again every 30 seconds.',
  statusPageLastSuccess: ', at {{time}}',
};

/**
 * The same words in Japanese (`_other` alone for plurals: Japanese has one
 * form); every key but the `_one` forms, so a missing one is a type error.
 */
export const STATUS_TAB_MESSAGES_JA: Record<
  Exclude<keyof typeof STATUS_TAB_MESSAGES, `${string}_one`>,
  string
> = {
  whatEntityStatus: 'このエンティティのステータス',
  refreshFailed:
    'ステータスを更新できませんでした。最後に取得した内容を表示しています',
  retryNow: '今すぐ再試行',
  notAnnotated:
    '{{name}} には自身のシグナルソースがないため、依存先からの影響のみを表示します。catalog-info.yaml にこのアノテーションを追加して、PagerDuty サービスに接続してください:',
  rootCausesTitle_other: '原因: 上流の根本原因',
  rootCausesSummary_other:
    '根本原因 {{count}} 件 (インシデント、オーナー、オンコール担当)',
  maintenanceTitle: 'メンテナンス',
  maintenanceSummary_other: 'メンテナンス期間 {{count}} 件',
  ownSignalsTitle: '自身のシグナル、オーナー、オンコール担当',
  ownSignalsSummary: '{{incidents}}、{{alerts}}',
  incidentCount_other: 'インシデント {{count}} 件',
  alertCount_other: 'アラート {{count}} 件',
  upstreamsTitle: '上流の依存先',
  downstreamTitle: '下流への影響',
  similarTitle: '過去の類似インシデント',
  changesTitle: '最近の変更',
  changesSummary: 'このエンティティと上流のデプロイと変更',
  historyTitle: '履歴と可用性',
  historySummary: '過去 90 日間の自身と上流起因のダウンタイム',
  responseTitle: 'インシデント対応',
  responseSummary: '確認と解決までの時間',
  sharingTitle: '公開リンク',
  sharingSummary: 'ポータルのアカウントを持たない人とこのステータスを共有',
  ownSignalsCard: 'このエンティティ自身のシグナル',
  pagerDutyIncidents: 'PagerDuty インシデント',
  notConnected: 'PagerDuty に接続されていません',
  monitoringAlerts: '監視アラート',
  ownerAndOnCall: 'オーナーとオンコール担当',
  owner: 'オーナー',
  onCallNow: '現在のオンコール担当',
  health: '稼働状況',
  why: '原因',
  ownIncidentTriggered:
    '自身のインシデント「{{title}}」(#{{number}}、{{ago}}にトリガー)',
  ownIncidentAcknowledged:
    '自身のインシデント「{{title}}」(#{{number}}、{{ago}}に確認)',
  ownIncidentResolved:
    '自身のインシデント「{{title}}」(#{{number}}、{{ago}}に解決)',
  whoToCall: '連絡先',
  whoToCallRootCause: '連絡先 (根本原因)',
  askOwnerOf:
    '根本原因は閲覧できません。{{entity}} のオーナーに問い合わせてください',
  action: 'アクション',
  answerNoPolicy: 'PagerDuty のエスカレーションポリシーがありません',
  answerNobodyOnCall: '現在オンコール担当者はいません',
  answerOnCall: '現在のオンコール担当: {{name}} ({{policy}}、レベル {{level}})',
  joinBridge: '#{{number}} のブリッジに参加',
  openIncident: 'PagerDuty でインシデント #{{number}} を開く',
  ownLevel: '自身のシグナル',
  inheritedLevel: '依存先から継承',
  rootCauseHidden: '根本原因: 閲覧できない上流',
  rootCause: '根本原因: {{entity}}',
  hopsUpstream_other: '上流へ {{count}} ホップ',
  impactOnThis: 'このエンティティへの影響: {{level}}',
  hiddenRootCauseHint:
    'この上流はカタログで閲覧できないため、名前、オーナー、インシデントは表示されません。上流のオーナーは自分のステータスページでこの障害を確認できます。経路上で閲覧できる最後のエンティティのオーナーに問い合わせてください。',
  activeIncidents: 'アクティブなインシデント',
  firingAlerts: '発生中のアラート',
  via: '経由: {{path}}',
  criticalDependency: '重要な依存先',
  inCycle: '依存関係の循環内',
  truncated: '(これより上流は非表示)',
  everyUpstreamOperational: 'すべての上流が正常に稼働しています。',
  upstreamsNotOperational: '正常に稼働していない上流',
  hideFullList: '一覧全体を隠す',
  allUpstreams: 'すべての上流 ({{count}} 件) を表示',
  allUpstreamsNearestFirst: 'すべての上流 (近い順)',
  noUpstreams: 'このエンティティはカタログ内のどれにも依存していません。',
  graphHint: '{{depth}} 階層。ノードを選択すると開きます',
  upstreamSummaryNone: 'なし',
  upstreamSummaryBroken: '{{total}} 件中 {{broken}} 件が正常に稼働していません',
  upstreamSummaryOperational: '{{total}} 件すべて正常に稼働',
  downstreamSummary: '依存元 {{dependents}} 件、影響 {{impacted}} 件',
  downstreamSummaryAtLeast:
    '依存元 {{dependents}} 件以上、影響 {{impacted}} 件',
  noDependents: 'カタログ内にこれに依存するものはありません。',
  blastRadius: '{{dependents}}。{{impacted}}。',
  dependents_other: '{{count}} 件のエンティティがこれに依存しています',
  dependentsAtLeast_other:
    '{{count}} 件以上のエンティティがこれに依存しています',
  impactedNow_other: '現在 {{count}} 件が影響を受けています',
  impactedDependents: '影響を受けている依存元',
  andMore: 'ほか {{count}} 件',
  rootCauseLine: '根本原因: {{entity}} ({{level}})',
  rootCauseLineMore: '根本原因: {{entity}} ({{level}}) ほか {{more}} 件',
  annotationProblems_other:
    'アノテーションの問題が {{count}} 件あります: ステータスタブを確認してください',
  onCall: 'オンコール担当: {{who}} ({{policy}})',
  onCallNobody: 'なし',
  onCallNotKnown: '不明 (最後に読み込んだシフトは終了しています)',
  followHint: '{{title}} またはその上流で障害が起きたときに通知を受け取る',
  followingHint:
    '{{title}} またはその上流で障害が起きると通知されます。クリックすると停止します。',
  notificationsOff: 'このポータルでは通知が無効になっています',
  following: 'フォロー中',
  notifyMe: '通知を受け取る',
  whatYouFollow: 'フォロー中の項目',
  notificationsOffCard:
    'このポータルでは通知が無効になっています: 管理者が status.notifications.enabled を設定するまで、フォローしても効果はありません。',
  followedRemoved_other:
    'フォローしていたエンティティのうち {{count}} 件は閲覧できなくなったため、削除されました。',
  followNothing:
    'まだ何もフォローしていません。エンティティのステータスタブで「通知を受け取る」を使うと、そのエンティティまたは上流で障害が起きたときに通知されます。',
  followCount:
    '{{count}} 件 (上限 {{max}} 件)。これらまたはその上流で障害が起きたときと、復旧したときに通知されます。',
  followedEntities: 'フォロー中のエンティティ',
  systemDomainOrTeam: 'システム、ドメイン、またはチーム',
  stopFollowing: '{{title}} のフォローを停止',
  stop: '停止',
  badgeAndFeed: 'バッジとフィード',
  whatBadgeAndFeed: 'バッジとフィードのアドレス',
  notPublic:
    '{{title}} は公開されていません。status.public.entities に追加するか、status.public.tokenSecret を設定してトークンで共有してください。',
  isPublic:
    '{{title}} は公開されています: 誰でもバッジとフィードを閲覧できます。',
  tokenLinks:
    'これらのアドレスを知っている人は誰でも {{title}} のレベルとその変化を閲覧できます。取り扱いに注意して共有してください。status.public.tokenSecret を変更すると無効になります。',
  badgeAlt: '{{title}} のステータス',
  badgeForReadme: 'README 用のバッジ',
  atomFeed: 'レベル変化の Atom フィード',
  annotationsNeedFixing:
    'ステータスのアノテーションに修正が必要です ({{count}})',
  problemNotServiceId:
    '「{{item}}」は PagerDuty のサービス ID ではありません。PagerDuty のサービスの URL にある ID を使ってください (例: https://yours.pagerduty.com/service-directory/PABC123 → PABC123)。',
  problemNotAccountName:
    '「{{item}}」は PagerDuty のアカウント名ではありません。app-config の status.pagerDuty.accounts に設定したアカウント名 (英数字、- と _) を使うか、既定のアカウントを使う場合はアノテーションを削除してください。',
  problemNotEntityRef:
    '「{{item}}」はエンティティ参照ではありません。kind:name または kind:namespace/name の形で書いてください (例: component:auth-service)。',
  problemCriticalNotDependency:
    '重要な依存先として挙げられていますが、依存関係にありません: {{items}}。spec.dependsOn か spec.consumesApis に追加するか、アノテーションから削除してください。',
  problemUnknownAccount:
    'PagerDuty アカウント「{{account}}」は設定されていません (設定済み: {{configured}})。アノテーションを直すか、app-config の status.pagerDuty.accounts にアカウントを追加してください。',
  problemUnknownAccountNone:
    'PagerDuty アカウント「{{account}}」は設定されていません (設定済みのアカウントはありません)。アノテーションを直すか、app-config の status.pagerDuty.accounts にアカウントを追加してください。',
  problemUnknownService:
    'PagerDuty にサービス {{id}} はありません (アカウント {{account}})。PagerDuty のサービスの URL にある ID を確認するか、アノテーションから削除してください。',
  problemUnreadable: '値を読み取れませんでした: {{error}}',
  simulatedData: 'シミュレーションデータ',
  simulatedDataText:
    'PagerDuty アカウントが接続されていません: インシデント、オンコール、履歴は組み込みの PagerDuty シミュレーターによるデモデータです。自社の PagerDuty を読み込むには {{setting}} を設定してください。',
  statusPageFailing: 'ステータスページが更新されていません',
  statusPageFailingText:
    'ステータスページ「{{page}}」を {{since}} から更新できていません: 最後に公開した内容{{lastSuccess}}のままです。理由はバックエンドのログにあります。30 秒ごとに再試行します。',
  statusPageLastSuccess: ' ({{time}})',
};

/** The Japanese words keyed as the translation ref names them (`statusTab.<key>`). */
export const STATUS_TAB_TRANSLATIONS_JA = sectionTranslations(
  'statusTab',
  STATUS_TAB_MESSAGES_JA,
);
