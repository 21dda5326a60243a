export { levelColor, LevelIcon, LevelLabel, useLevelWords } from './levels';
export type { LevelWords } from './levels';
export type { DisplayLevel } from './levels';
export { LevelCounts } from './LevelCounts';
export { Freshness, FreshnessSummary, useNow } from './Freshness';
export { IncidentList } from './Incidents';
export { OnCall, OwnerContacts, slackChannelUrl } from './Contacts';
export { usePolling, POLL_INTERVAL_MS } from './usePolling';
export type { Polled } from './usePolling';
export {
  useEntityRoute,
  useIncidentTimelineLink,
  useStatusRootPath,
  useStatusTabLink,
} from './statusLink';
export { StatusNode } from './StatusNode';
export { AlertList } from './Alerts';
export { useLiveStatus } from './useLiveStatus';
export { StatusEntityLink } from './StatusEntityLink';
export {
  useAlertSources,
  useChanges,
  useEntityStatus,
  useHealth,
  useHistory,
  useIncidents,
  useIncidentTimeline,
  useMajorIncidents,
  useMaintenance,
  useLiveResource,
  useMyTeamsSummary,
  useObjective,
  usePublicLinks,
  useRollupObjectives,
  useReportTarget,
  useResponse,
  useResource,
  useRollup,
  useSimilarIncidents,
  useSubscriptionList,
  useSummary,
  useTeamResponse,
  useTransitions,
  useUnmatchedAlerts,
} from './useStatusResources';
export { Loaded } from './Loaded';
export { LoadedCard, StatusOverviewCard } from './LoadedCard';
export { useSignalListStyles, useTimelineStyles } from './signalListStyles';
export { usePageEntityRef } from './usePageEntityRef';
export { Explanation, useExplanation } from './Explanation';
export { EntityPath } from './EntityPath';
export { entityDisplayLevel } from './entityDisplayLevel';
export { useMoreProblems } from './useMoreProblems';
export { ROWS_PAGE, useSummaryRows } from './useSummaryRows';
export { SelectField } from './SelectField';
export type { SelectOption } from './SelectField';
export { VisuallyHidden } from './VisuallyHidden';
export { readableSecondary, StatusLayerRoot } from './StatusLayerRoot';
export { Section, useSectionOpen } from './Section';
export {
  useDashboardWords,
  useHistoryWords,
  useObjectiveWords,
  useReportWords,
  useSharedWords,
  useStatusTabWords,
  useTimelineWords,
} from './useSectionWords';
export type { SectionWords, TimelineWords } from './useSectionWords';
export {
  readerLocale,
  timeOfDay,
  useReaderLocale,
  useTimeWords,
} from './useTimeWords';
export type { TimeWords } from './useTimeWords';
export { EMBED, Embedded } from './Embedded';
export { usePartFreshnessWords } from './Freshness';
