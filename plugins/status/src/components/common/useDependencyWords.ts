import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { statusTranslationRef } from '../../translation';
import { DEPENDENCY_MESSAGES } from '../../translations/dependencies';

/** A word about PagerDuty's service graph. */
export type DependencyWords = (
  key: keyof typeof DEPENDENCY_MESSAGES,
  params?: Record<string, string>,
) => string;

/** The words about PagerDuty's service graph in the reader's language. */
export function useDependencyWords(): DependencyWords {
  const { t } = useTranslationRef(statusTranslationRef);
  return useMemo(() => {
    const translate = t as unknown as (
      key: string,
      params?: Record<string, string>,
    ) => string;
    return (key, params) => translate(`dependencies.${key}`, params);
  }, [t]);
}
