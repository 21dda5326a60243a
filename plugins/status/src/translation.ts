import {
  createTranslationRef,
  createTranslationResource,
  TranslationRef,
} from '@backstage/frontend-plugin-api';
import { COVERAGE_MESSAGES } from './translations/coverage';
import { DEPENDENCY_MESSAGES } from './translations/dependencies';
import { FILTER_MESSAGES } from './translations/filters';
import { LEVEL_SHORT_MESSAGES } from './translations/levels';
import { DASHBOARD_MESSAGES } from './translations/dashboard';
import { HISTORY_MESSAGES } from './translations/history';
import { SHARED_MESSAGES } from './translations/shared';
import { STATUS_TAB_MESSAGES } from './translations/statusTab';
import { TIMELINE_MESSAGES } from './translations/timeline';
import { REPORT_MESSAGES } from './translations/reports';
import { OBJECTIVE_MESSAGES } from './translations/objectives';
import {
  DISPLAY_LEVEL_LABELS,
  DisplayLevel,
  STATUS_EXPLANATION_MESSAGES,
} from '@status-layer/plugin-status-common';

/**
 * The keys of {@link statusTranslationRef}: the display levels' names, the
 * explanation's messages and the coverage tab's words. Written out, so the declared type (and the API
 * report) does not depend on how the compiler orders an inferred one.
 *
 * @public
 */
export type StatusTranslationMessages = {
  readonly [key in
    | `levels.${DisplayLevel}`
    | `levelsShort.${DisplayLevel}`
    | `explanation.${keyof typeof STATUS_EXPLANATION_MESSAGES}`
    | `coverage.${keyof typeof COVERAGE_MESSAGES}`
    | `dependencies.${keyof typeof DEPENDENCY_MESSAGES}`
    | `filters.${keyof typeof FILTER_MESSAGES}`
    | `statusTab.${keyof typeof STATUS_TAB_MESSAGES}`
    | `dashboard.${keyof typeof DASHBOARD_MESSAGES}`
    | `shared.${keyof typeof SHARED_MESSAGES}`
    | `history.${keyof typeof HISTORY_MESSAGES}`
    | `timeline.${keyof typeof TIMELINE_MESSAGES}`
    | `reports.${keyof typeof REPORT_MESSAGES}`
    | `objectives.${keyof typeof OBJECTIVE_MESSAGES}`]: string;
};

/**
 * The status plugin's words that an app can translate: the display levels
 * (not monitored and misconfigured included) and the one-line explanation of
 * an entity's level (from `-common`, so the API's English line and the page's
 * words are the same).
 *
 * @public
 */
export const statusTranslationRef: TranslationRef<
  'status',
  StatusTranslationMessages
> = createTranslationRef({
  id: 'status',
  messages: {
    levels: DISPLAY_LEVEL_LABELS,
    levelsShort: LEVEL_SHORT_MESSAGES,
    explanation: STATUS_EXPLANATION_MESSAGES,
    coverage: COVERAGE_MESSAGES,
    dependencies: DEPENDENCY_MESSAGES,
    filters: FILTER_MESSAGES,
    statusTab: STATUS_TAB_MESSAGES,
    dashboard: DASHBOARD_MESSAGES,
    shared: SHARED_MESSAGES,
    history: HISTORY_MESSAGES,
    timeline: TIMELINE_MESSAGES,
    reports: REPORT_MESSAGES,
    objectives: OBJECTIVE_MESSAGES,
  },
});

/**
 * The status plugin's translations beyond English (Japanese), for an app to
 * register with its translation API.
 *
 * @public
 */
export const statusTranslations = createTranslationResource({
  ref: statusTranslationRef,
  translations: { ja: () => import('./translations/ja') },
});
