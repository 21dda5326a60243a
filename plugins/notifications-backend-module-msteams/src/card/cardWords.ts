import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { TeamsCardLanguage } from '../routing/readTeamsConfig';

/** The words of a card's fixed parts. */
export type CardWords = {
  severity: Record<NotificationSeverity, string>;
  updated: string;
  topic: string;
  open: string;
};

/** English and Japanese; the notification's own title and text are the sender's. */
export const CARD_WORDS: Record<TeamsCardLanguage, CardWords> = {
  en: {
    severity: {
      critical: 'Critical',
      high: 'High',
      normal: 'Normal',
      low: 'Low',
    },
    updated: 'Updated',
    topic: 'Topic',
    open: 'Open in Backstage',
  },
  ja: {
    severity: { critical: '緊急', high: '高', normal: '通常', low: '低' },
    updated: '更新',
    topic: 'トピック',
    open: 'Backstage で開く',
  },
};
