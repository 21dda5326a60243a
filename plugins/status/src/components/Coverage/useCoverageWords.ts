import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { statusTranslationRef } from '../../translation';
import { COVERAGE_MESSAGES } from '../../translations/coverage';

/** A word of the coverage tab, with its values. */
export type CoverageWords = (
  key: keyof typeof COVERAGE_MESSAGES,
  params?: Record<string, string | number>,
) => string;

/** The coverage tab's words in the reader's language. */
export function useCoverageWords(): CoverageWords {
  const { t } = useTranslationRef(statusTranslationRef);
  // the keys are checked here; the ref's declared type does not carry params
  return useMemo(() => {
    const translate = t as unknown as (
      key: string,
      params?: Record<string, string | number>,
    ) => string;
    return (key, params) => translate(`coverage.${key}`, params);
  }, [t]);
}
