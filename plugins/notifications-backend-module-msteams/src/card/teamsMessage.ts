import {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import { CardWords } from './cardWords';

/** The Adaptive Card version cards declare: every Teams client renders it. */
export const CARD_VERSION = '1.4';

/** Bounds of the sender's texts, so a card stays under Teams' 28 KB message limit. */
export const MAX_TITLE_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 4000;

/**
 * Severity as a colour of the first line, which also says it in words:
 * colour is never the only signal.
 */
const SEVERITY_COLOUR: Record<NotificationSeverity, string> = {
  critical: 'attention',
  high: 'warning',
  normal: 'accent',
  low: 'default',
};

/** A Teams workflow webhook's request body: one message, one card. */
export type TeamsMessage = {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: Record<string, unknown>;
  }[];
};

function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The card for a notification: its severity (colour and word), title,
 * description, topic, and a button to its link. `updated` marks a card
 * that replaces an earlier one of the same scope. Only properties of
 * Adaptive Cards 1.0, lower-case as its schema spells them, so the card
 * also renders in clients older than 1.4.
 */
export function teamsMessage(options: {
  payload: NotificationPayload;
  /** The notification's link, absolute; other schemes are left out. */
  link?: string;
  words: CardWords;
  updated?: boolean;
}): TeamsMessage {
  const { payload, words } = options;
  const severity = payload.severity ?? 'normal';
  const title = clip(payload.title, MAX_TITLE_LENGTH);
  const description = payload.description
    ? clip(payload.description, MAX_DESCRIPTION_LENGTH)
    : undefined;
  const label = options.updated
    ? `${words.severity[severity]} · ${words.updated}`
    : words.severity[severity];
  const body: Record<string, unknown>[] = [
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        {
          type: 'TextBlock',
          text: label,
          color: SEVERITY_COLOUR[severity],
          weight: 'bolder',
          size: 'small',
          wrap: true,
        },
        {
          type: 'TextBlock',
          text: title,
          weight: 'bolder',
          size: 'medium',
          wrap: true,
        },
      ],
    },
  ];
  if (description)
    body.push({ type: 'TextBlock', text: description, wrap: true });
  if (payload.topic)
    body.push({
      type: 'FactSet',
      facts: [{ title: words.topic, value: clip(payload.topic, 100) }],
    });
  const link =
    options.link && /^https?:\/\//.test(options.link)
      ? options.link
      : undefined;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: CARD_VERSION,
          fallbackText: description ? `${title}: ${description}` : title,
          msteams: { width: 'Full' },
          body,
          ...(link
            ? {
                actions: [
                  { type: 'Action.OpenUrl', title: words.open, url: link },
                ],
              }
            : {}),
        },
      },
    ],
  };
}
