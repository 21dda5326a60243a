import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { statusTranslationRef } from '../translation';
import { DEPENDENCY_TRANSLATIONS_JA } from './dependencies';
import { FILTER_TRANSLATIONS_JA } from './filters';
import { LEVEL_TRANSLATIONS_JA } from './levels';
import { EXPLANATION_TRANSLATIONS_JA } from './explanation';
import { DASHBOARD_TRANSLATIONS_JA } from './dashboard';
import { HISTORY_TRANSLATIONS_JA } from './history';
import { SHARED_TRANSLATIONS_JA } from './shared';
import { STATUS_TAB_TRANSLATIONS_JA } from './statusTab';
import { TIMELINE_TRANSLATIONS_JA } from './timeline';
import { REPORT_TRANSLATIONS_JA } from './reports';
import { OBJECTIVE_TRANSLATIONS_JA } from './objectives';

/** The status plugin's words in Japanese (levels, coverage, filters and dependencies so far). */
const ja = createTranslationMessages({
  ref: statusTranslationRef,
  full: false,
  messages: {
    ...DEPENDENCY_TRANSLATIONS_JA,
    ...FILTER_TRANSLATIONS_JA,
    ...LEVEL_TRANSLATIONS_JA,
    ...EXPLANATION_TRANSLATIONS_JA,
    ...STATUS_TAB_TRANSLATIONS_JA,
    ...DASHBOARD_TRANSLATIONS_JA,
    ...SHARED_TRANSLATIONS_JA,
    ...HISTORY_TRANSLATIONS_JA,
    ...TIMELINE_TRANSLATIONS_JA,
    ...REPORT_TRANSLATIONS_JA,
    ...OBJECTIVE_TRANSLATIONS_JA,
    'coverage.tab': 'カバレッジ',
    'coverage.what': 'カバレッジ',
    'coverage.intro':
      'PagerDuty または監視ツールが監視しているコンポーネントと、残りを監視するために必要なことを示します。「本番」は spec.lifecycle が production であることを意味します。フィルターしない限り、一覧にはすべてのライフサイクルが表示されます。',
    'coverage.totals':
      '本番コンポーネント {{production}} 件のうち {{monitored}} 件が監視されています (全コンポーネント {{components}} 件)。',
    'coverage.groupsTitle': '監視されている本番コンポーネント',
    'coverage.byDomain': 'ドメイン別',
    'coverage.bySystem': 'システム別',
    'coverage.byOwner': 'オーナー別',
    'coverage.columnName': '名前',
    'coverage.columnProduction': '本番',
    'coverage.columnMonitored': '監視あり',
    'coverage.columnNotMonitored': '監視なし',
    'coverage.columnActions': '操作',
    'coverage.noGroup': '閲覧できるものなし',
    'coverage.showUnmonitored': '監視なしを表示',
    'coverage.showUnmonitoredOf': '監視なしを表示: {{name}}',
    'coverage.omitted': '{{total}} 件中 {{shown}} 件を表示しています。',
    'coverage.filtersTitle': 'フィルター',
    'coverage.filterText': '名前またはタイトルの語句',
    'coverage.filterDomain': 'ドメイン',
    'coverage.filterSystem': 'システム',
    'coverage.filterOwner': 'オーナー',
    'coverage.filterAny': 'すべて',
    'coverage.filterNone': 'なし',
    'coverage.filterMonitored': '監視',
    'coverage.monitoredAny': '監視の有無を問わない',
    'coverage.monitoredYes': '監視あり',
    'coverage.monitoredNo': '監視なし',
    'coverage.filterLifecycle': 'ライフサイクル',
    'coverage.lifecycleAny': 'すべてのライフサイクル',
    'coverage.exportCsv': 'CSV をエクスポート',
    'coverage.exportNote':
      'CSV には、フィルターを適用してここに表示されているコンポーネントが含まれます。',
    'coverage.componentsTitle': 'コンポーネント',
    'coverage.componentsCaption':
      'コンポーネント (依存元の多い順): {{total}} 件中 {{from}} から {{to}} 件目',
    'coverage.componentsEmpty':
      'このフィルターに一致するコンポーネントはありません。',
    'coverage.columnComponent': 'コンポーネント',
    'coverage.columnLifecycle': 'ライフサイクル',
    'coverage.columnOwner': 'オーナー',
    'coverage.columnSystem': 'システム',
    'coverage.columnDomain': 'ドメイン',
    'coverage.columnMonitoredBy': '監視元',
    'coverage.columnDependents': '直接の依存元',
    'coverage.columnPagerDuty': 'PagerDuty サービス',
    'coverage.byPagerDuty': 'PagerDuty',
    'coverage.byAlerts': '監視アラート',
    'coverage.notMonitored': '監視なし',
    'coverage.mappedByPortal': 'ポータルでマッピング',
    'coverage.mappedByYaml': 'catalog-info.yaml による',
    'coverage.pendingMapping':
      '{{serviceId}} はポータルでマッピング済みです。カタログがエンティティを処理するのを待っています',
    'coverage.misconfigured': '設定に誤りあり',
    'coverage.mapLabel': 'サービス ID にマッピング',
    'coverage.mapLabelOf': '{{entity}} の PagerDuty サービス ID',
    'coverage.mapButton': 'マッピング',
    'coverage.unmapButton': 'ポータルのマッピングを削除',
    'coverage.unmapButtonOf': 'ポータルのマッピングを削除: {{entity}}',
    'coverage.unmapped':
      '{{entity}} のポータルのマッピングを削除しました。カタログが次にエンティティを処理した後に反映されます。',
    'coverage.unmapFailed':
      '{{entity}} のポータルのマッピングを削除できませんでした: {{error}}',
    'coverage.previous': '前へ',
    'coverage.next': '次へ',
    'coverage.unreferencedTitle':
      'どのエンティティからも参照されていない PagerDuty サービス',
    'coverage.unreferencedEmpty':
      'すべての PagerDuty サービスがエンティティから参照されています。',
    'coverage.columnService': 'サービス',
    'coverage.columnTeams': 'チーム',
    'coverage.columnPolicy': 'エスカレーションポリシー',
    'coverage.columnSuggestions': '候補のエンティティ',
    'coverage.columnAnnotation': '追加するアノテーション',
    'coverage.reasonName': '名前が一致',
    'coverage.reasonTeam': 'チーム {{team}} が所有',
    'coverage.reasonPolicy': 'エスカレーションポリシー {{policy}} が一致',
    'coverage.noSuggestion': '候補なし',
    'coverage.accept': '採用',
    'coverage.acceptOf': '採用: {{service}} を {{entity}} にマッピング',
    'coverage.unknownTitle':
      'PagerDuty に存在しないサービスを指すアノテーション',
    'coverage.unknownEmpty':
      'アノテーションの PagerDuty サービスはすべて存在します。',
    'coverage.columnEntity': 'エンティティ',
    'coverage.columnAccount': 'アカウント',
    'coverage.columnServiceId': 'サービス ID',
    'coverage.columnProblem': '問題',
    'coverage.unknownService': 'PagerDuty にそのサービスはありません',
    'coverage.unknownAccount': 'その PagerDuty アカウントは設定されていません',
    'coverage.sharedTitle': '複数のエンティティが参照しているサービス',
    'coverage.sharedEmpty':
      '複数のエンティティから参照されている PagerDuty サービスはありません。',
    'coverage.columnEntities': 'エンティティ',
    'coverage.mapped':
      '{{entity}} を {{serviceId}} にマッピングしました。マッピングは、カタログが次にエンティティを処理した後に反映されます。',
    'coverage.mapFailed': '{{entity}} をマッピングできませんでした: {{error}}',
    'coverage.mapConflict':
      '{{entity}} の catalog-info.yaml がすでに PagerDuty サービスを指定しています。そちらで変更してください。',
    'coverage.mapNotAllowed':
      'PagerDuty サービスをマッピングする権限がありません。',
    'coverage.mapNotFound': '閲覧できるエンティティ {{entity}} はありません。',
    'coverage.yes': 'はい',
    'coverage.no': 'いいえ',
  },
});

export default ja;
