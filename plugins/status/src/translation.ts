import { createTranslationRef } from '@backstage/frontend-plugin-api';
import {
  LEVEL_LABELS,
  STATUS_EXPLANATION_MESSAGES,
} from '@status-layer/plugin-status-common';

/**
 * The status plugin's words that an app can translate: the levels and the
 * one-line explanation of an entity's level (from `-common`, so the API's
 * English line and the page's words are the same).
 *
 * @public
 */
export const statusTranslationRef = createTranslationRef({
  id: 'status',
  messages: {
    levels: {
      operational: LEVEL_LABELS.operational,
      degraded: LEVEL_LABELS.degraded,
      partial_outage: LEVEL_LABELS.partial_outage,
      major_outage: LEVEL_LABELS.major_outage,
      under_maintenance: LEVEL_LABELS.under_maintenance,
      unknown: LEVEL_LABELS.unknown,
    },
    explanation: STATUS_EXPLANATION_MESSAGES,
  },
});
