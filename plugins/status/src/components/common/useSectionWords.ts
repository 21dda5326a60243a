import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { statusTranslationRef } from '../../translation';
import { DEPENDENCY_MESSAGES } from '../../translations/dependencies';
import { FILTER_MESSAGES } from '../../translations/filters';
import { DASHBOARD_MESSAGES } from '../../translations/dashboard';
import { HISTORY_MESSAGES } from '../../translations/history';
import { SHARED_MESSAGES } from '../../translations/shared';
import { STATUS_TAB_MESSAGES } from '../../translations/statusTab';
import { TIMELINE_MESSAGES } from '../../translations/timeline';
import { REPORT_MESSAGES } from '../../translations/reports';
import { OBJECTIVE_MESSAGES } from '../../translations/objectives';

/**
 * A word of one section of the translation ref, with its parameters; a
 * plural (keys `<key>_one` / `<key>_other`) is asked for by `<key>` with a
 * `count`.
 */
export type SectionWords<K extends string> = (
  key: PluralBase<K>,
  params?: Record<string, string | number>,
) => string;

/** A key, or the base of a plural's keys (`files` for `files_one` / `files_other`). */
type PluralBase<K extends string> =
  | K
  | (K extends `${infer Base}_one` | `${infer Base}_other` ? Base : never);

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
      params?: Record<string, string | number>,
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

/** The words of the Status tab and overview card in the reader's language. */
export function useStatusTabWords(): SectionWords<
  keyof typeof STATUS_TAB_MESSAGES
> {
  return useSectionWords('statusTab');
}

/** The words of the dashboard, roll-ups and home-page card in the reader's language. */
export function useDashboardWords(): SectionWords<
  keyof typeof DASHBOARD_MESSAGES
> {
  return useSectionWords('dashboard');
}

/** The words every page shares in the reader's language. */
export function useSharedWords(): SectionWords<keyof typeof SHARED_MESSAGES> {
  return useSectionWords('shared');
}

/** The words of history, response, changes and similar incidents in the reader's language. */
export function useHistoryWords(): SectionWords<keyof typeof HISTORY_MESSAGES> {
  return useSectionWords('history');
}

/** A word of an incident's timeline page and its postmortem draft. */
export type TimelineWords = SectionWords<keyof typeof TIMELINE_MESSAGES>;

/** The words of an incident's timeline and postmortem draft in the reader's language. */
export function useTimelineWords(): TimelineWords {
  return useSectionWords('timeline');
}

/** The words of reporting a problem in the reader's language. */
export function useReportWords(): SectionWords<keyof typeof REPORT_MESSAGES> {
  return useSectionWords('reports');
}

/** The words of service level objectives in the reader's language. */
export function useObjectiveWords(): SectionWords<
  keyof typeof OBJECTIVE_MESSAGES
> {
  return useSectionWords('objectives');
}
