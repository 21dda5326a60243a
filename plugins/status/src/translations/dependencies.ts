/**
 * The words about PagerDuty's service graph in English, by key: the
 * defaults of the translation ref's `dependencies` section (dependency
 * paths, and the gaps between PagerDuty's graph and the catalog).
 */
export const DEPENDENCY_MESSAGES = {
  pathLabel: 'Dependency path: {{path}}',
  hiddenEntity: 'an entity you cannot see',
  knownFromPagerDuty: 'known from PagerDuty',
  knownFromPagerDutyHint:
    'This dependency is in PagerDuty’s service graph, not in the catalog’s dependsOn.',
  what: 'the dependencies PagerDuty and the catalog disagree on',
  title: 'Dependencies PagerDuty and the catalog disagree on',
  pagerDutyOnlyTitle: 'Known to PagerDuty, missing from the catalog',
  pagerDutyOnlyHint:
    'Add the upstream to the dependent’s spec.dependsOn, so that its outages reach the dependent.',
  catalogOnlyTitle: 'In the catalog, missing from PagerDuty',
  catalogOnlyHint:
    'Add the dependency to PagerDuty’s service graph, or remove it from dependsOn if it no longer holds.',
  columnDependent: 'Dependent',
  columnUpstream: 'Needs',
  none: 'None you may read.',
  truncated: 'More exist than are shown.',
  modeSuggest:
    'Suggestions only: levels follow the catalog’s dependencies (status.graph.pagerDutyDependencies: suggest).',
  modeUse:
    'Levels also follow the dependencies only PagerDuty knows (status.graph.pagerDutyDependencies: use).',
  modeOff:
    'PagerDuty’s service graph is not read (status.graph.pagerDutyDependencies: off).',
};

/** The same words in Japanese. */
export const DEPENDENCY_MESSAGES_JA: Record<
  keyof typeof DEPENDENCY_MESSAGES,
  string
> = {
  pathLabel: '依存関係の経路: {{path}}',
  hiddenEntity: '閲覧できないエンティティ',
  knownFromPagerDuty: 'PagerDuty から判明',
  knownFromPagerDutyHint:
    'この依存関係はカタログの dependsOn ではなく、PagerDuty のサービスグラフにあります。',
  what: 'PagerDuty とカタログで食い違う依存関係',
  title: 'PagerDuty とカタログで食い違う依存関係',
  pagerDutyOnlyTitle: 'PagerDuty にあり、カタログにない依存関係',
  pagerDutyOnlyHint:
    '上流を依存側の spec.dependsOn に追加すると、上流の障害が依存側に伝わります。',
  catalogOnlyTitle: 'カタログにあり、PagerDuty にない依存関係',
  catalogOnlyHint:
    'PagerDuty のサービスグラフに依存関係を追加するか、もう成り立たないなら dependsOn から削除してください。',
  columnDependent: '依存側',
  columnUpstream: '依存先',
  none: '閲覧できるものはありません。',
  truncated: '表示されている以上の件数があります。',
  modeSuggest:
    '提案のみ: レベルはカタログの依存関係に従います (status.graph.pagerDutyDependencies: suggest)。',
  modeUse:
    'レベルは PagerDuty だけが知る依存関係にも従います (status.graph.pagerDutyDependencies: use)。',
  modeOff:
    'PagerDuty のサービスグラフは読み込まれません (status.graph.pagerDutyDependencies: off)。',
};

/** The Japanese words keyed as the translation ref names them (`dependencies.<key>`). */
export const DEPENDENCY_TRANSLATIONS_JA = Object.fromEntries(
  Object.entries(DEPENDENCY_MESSAGES_JA).map(([key, text]) => [
    `dependencies.${key}`,
    text,
  ]),
) as {
  [K in keyof typeof DEPENDENCY_MESSAGES as `dependencies.${K}`]: string;
};
