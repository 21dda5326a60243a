export {
  IncidentTimelinePage,
  IncidentTimelineView,
} from './IncidentTimelinePage';
export { composePostmortemDraft } from './postmortemDraft';
export { PastMajorIncidentsCard } from './PastMajorIncidents';
