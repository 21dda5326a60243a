/**
 * The words of the dashboard's filter bars and shared links in English, by
 * key: the defaults of the translation ref's `filters` section.
 */
export const FILTER_MESSAGES = {
  any: 'Any',
  groupBy: 'Group by',
  groupingDomain: 'Domain → System',
  groupingOwner: 'Owning group',
  groupingFlat: 'Flat list',
  search: 'Search',
  searchPlaceholder: 'name or title',
  kind: 'Kind',
  level: 'Level',
  owner: 'Owner',
  system: 'System',
  domain: 'Domain',
  tool: 'Tool',
  everyTool: 'Every tool',
  alertWords: 'Words in the title or labels',
  openStatusTab: 'Open the Status tab',
  myTeams: 'My teams and what they depend on',
};

/** The same words in Japanese. */
export const FILTER_MESSAGES_JA: Record<keyof typeof FILTER_MESSAGES, string> =
  {
    any: 'すべて',
    groupBy: 'グループ化',
    groupingDomain: 'ドメイン → システム',
    groupingOwner: 'オーナーのグループ',
    groupingFlat: 'フラットな一覧',
    search: '検索',
    searchPlaceholder: '名前またはタイトル',
    kind: '種類',
    level: 'レベル',
    owner: 'オーナー',
    system: 'システム',
    domain: 'ドメイン',
    tool: 'ツール',
    everyTool: 'すべてのツール',
    alertWords: 'タイトルまたはラベルの語',
    openStatusTab: 'ステータスタブを開く',
    myTeams: '自分のチームとその依存先',
  };

/** The Japanese words keyed as the translation ref names them (`filters.<key>`). */
export const FILTER_TRANSLATIONS_JA = Object.fromEntries(
  Object.entries(FILTER_MESSAGES_JA).map(([key, text]) => [
    `filters.${key}`,
    text,
  ]),
) as { [K in keyof typeof FILTER_MESSAGES as `filters.${K}`]: string };
