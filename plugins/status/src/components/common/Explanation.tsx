import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityStatus,
  formatExplanation,
  HealthLevel,
} from '@status-layer/plugin-status-common';
import { statusTranslationRef } from '../../translation';

/**
 * The one-line explanation of an entity's level in the reader's language:
 * worded from its parts through the plugin's translation ref; the API's
 * English line when the backend sent no parts.
 */
export function useExplanation(status: EntityStatus): string {
  const { t } = useTranslationRef(statusTranslationRef);
  if (!status.explanationParts) return status.explanation;
  // keys are checked by formatExplanation's types; plural keys resolve by count
  const translate = t as unknown as (
    key: string,
    params?: Record<string, string | number>,
  ) => string;
  return formatExplanation(
    status.explanationParts,
    (key, params) => translate(`explanation.${key}`, params),
    (level: HealthLevel) => translate(`levels.${level}`),
  );
}

/** The explanation as text, for places that cannot call a hook (render props). */
export function Explanation(props: { status: EntityStatus }) {
  return <>{useExplanation(props.status)}</>;
}
