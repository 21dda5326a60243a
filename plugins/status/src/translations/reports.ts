import { sectionTranslations } from './sectionTranslations';

/**
 * The words of reporting a problem from a status page, in English, by key:
 * the defaults of the translation ref's `reports` section.
 */
export const REPORT_MESSAGES = {
  what: 'where a report would go',
  button: 'Report a problem',
  buttonShort: 'Report',
  buttonFor: 'Report a problem with {{entity}}',
  title: 'Report a problem with {{entity}}',
  affected: 'You report it as the owner of {{entity}}.',
  affectedChoice: 'Which of your entities suffers from it',
  pathTitle: 'How {{entity}} depends on it',
  notUpstream: '{{entity}} does not depend on it in the catalog.',
  alreadyOnIt:
    'Someone is already on it. Add what you see to the open incident instead of paging again.',
  addNote: 'Add my report to #{{number}}',
  description: 'What do you see?',
  descriptionHelp:
    'Errors, since when, how many users are affected. At most {{max}} characters.',
  descriptionTooLong: '{{count}} characters: at most {{max}}.',
  urgency: 'Urgency',
  urgencyHigh: 'High: page the on-call now',
  urgencyLow: 'Low: tell the on-call without waking anyone',
  meansIncident:
    'Opens an incident on its PagerDuty service, from you when PagerDuty knows your e-mail address, else through its integration key.',
  meansEvent:
    'Sends an alert to its PagerDuty integration, which opens an incident.',
  meansNone:
    '{{entity}} has no PagerDuty service nor integration key, so nobody can be paged from here. Contact its owner:',
  send: 'Open an incident',
  sending: 'Sending…',
  cancel: 'Cancel',
  close: 'Close',
  notAllowedPermission:
    'You may not report problems from the portal (permission status.incident.create). Contact its owner:',
  notAllowedDisabled:
    'Reporting problems is turned off in this portal. Contact its owner:',
  owner: 'Owner',
  failed: 'Your report was not sent; your text is kept.',
  sentNote: 'Your report was added to incident #{{number}}.',
  sentIncident: 'Incident #{{number}} is open; its on-call is being paged.',
  sentEvent:
    'Your report was sent to PagerDuty; its incident appears here within a minute.',
  openInPagerDuty: 'Open #{{number}} in PagerDuty',
  timeline: 'Timeline of #{{number}}',
};

const REPORT_MESSAGES_JA: typeof REPORT_MESSAGES = {
  what: 'レポートの送信先',
  button: '問題を報告',
  buttonShort: '報告',
  buttonFor: '{{entity}} の問題を報告',
  title: '{{entity}} の問題を報告',
  affected: '{{entity}} のオーナーとして報告します。',
  affectedChoice: '影響を受けているあなたのエンティティ',
  pathTitle: '{{entity}} からの依存経路',
  notUpstream: 'カタログ上、{{entity}} はこれに依存していません。',
  alreadyOnIt:
    'すでに対応中です。再度呼び出す代わりに、見えている状況を対応中のインシデントに追加してください。',
  addNote: '#{{number}} に報告を追加',
  description: '何が起きていますか?',
  descriptionHelp:
    'エラー内容、いつから、影響を受けているユーザー数など。最大 {{max}} 文字です。',
  descriptionTooLong: '{{count}} 文字です。最大 {{max}} 文字までです。',
  urgency: '緊急度',
  urgencyHigh: '高: 今すぐオンコール担当者を呼び出す',
  urgencyLow: '低: 誰も起こさずにオンコール担当者に知らせる',
  meansIncident:
    'PagerDuty サービスにインシデントを作成します。PagerDuty があなたのメールアドレスを知っていればあなたの名前で、そうでなければインテグレーションキー経由で作成します。',
  meansEvent:
    'PagerDuty インテグレーションにアラートを送信し、インシデントが作成されます。',
  meansNone:
    '{{entity}} には PagerDuty サービスもインテグレーションキーもないため、ここから呼び出すことはできません。オーナーに連絡してください:',
  send: 'インシデントを作成',
  sending: '送信中…',
  cancel: 'キャンセル',
  close: '閉じる',
  notAllowedPermission:
    'ポータルから問題を報告する権限がありません (権限 status.incident.create)。オーナーに連絡してください:',
  notAllowedDisabled:
    'このポータルでは問題の報告が無効になっています。オーナーに連絡してください:',
  owner: 'オーナー',
  failed: 'レポートは送信されませんでした。入力内容は保持されています。',
  sentNote: 'インシデント #{{number}} に報告を追加しました。',
  sentIncident:
    'インシデント #{{number}} を作成しました。オンコール担当者を呼び出しています。',
  sentEvent:
    'レポートを PagerDuty に送信しました。1 分以内にインシデントがここに表示されます。',
  openInPagerDuty: 'PagerDuty で #{{number}} を開く',
  timeline: '#{{number}} のタイムライン',
};

/** The Japanese words keyed as the translation ref names them (`reports.<key>`). */
export const REPORT_TRANSLATIONS_JA = sectionTranslations(
  'reports',
  REPORT_MESSAGES_JA,
);
