import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { statusTranslationRef } from '../../translation';
import { DEPENDENCY_MESSAGES } from '../../translations/dependencies';
import { FILTER_MESSAGES } from '../../translations/filters';

/** A word of one section of the translation ref, with its parameters. */
type SectionWords<K extends string> = (
  key: K,
  params?: Record<string, string>,
) => string;

/** A word about PagerDuty's service graph. */
export type DependencyWords = SectionWords<keyof typeof DEPENDENCY_MESSAGES>;

/** A word of the filter bars and shared links. */
export type FilterWords = SectionWords<keyof typeof FILTER_MESSAGES>;

/** The words of one section (`<section>.<key>`) in the reader's language. */
function useSectionWords<K extends string>(section: string): SectionWords<K> {
  const { t } = useTranslationRef(statusTranslationRef);
  return useMemo(() => {
    const translate = t as unknown as (
      key: string,
      params?: Record<string, string>,
    ) => string;
    return (key, params) => translate(`${section}.${key}`, params);
  }, [t, section]);
}

/** The words about PagerDuty's service graph in the reader's language. */
export function useDependencyWords(): DependencyWords {
  return useSectionWords('dependencies');
}

/** The words of the filter bars and shared links in the reader's language. */
export function useFilterWords(): FilterWords {
  return useSectionWords('filters');
}
