export type { StatusStore } from './StatusStore';
export { DatabaseStatusStore } from './DatabaseStatusStore';
export type * from './types';
export type { AlertStore, StoredAlert } from './DatabaseAlertStore';
export type {
  StoredWebhookEvent,
  WebhookEventStore,
} from './DatabaseWebhookEventStore';
export { hasEndedWindow, isOngoingWindow } from './maintenanceWindows';
export type {
  ChangeEventStore,
  StoredChangeEvent,
} from './DatabaseChangeEventStore';
export type {
  NotificationStore,
  NotificationStoreVersions,
  StoredNotificationEpisode,
  StoredSubscription,
  StoredUserView,
} from './DatabaseNotificationStore';
export type {
  IncidentUpdateStore,
  StoredIncidentUpdate,
} from './DatabaseIncidentUpdateStore';
export { DatabaseServiceMappingStore } from './DatabaseServiceMappingStore';
export type {
  ServiceMappingStore,
  StoredServiceMapping,
} from './DatabaseServiceMappingStore';
export type {
  IncidentTimelineStore,
  LogReadState,
  StoredLogEntry,
  StoredPostmortem,
} from './DatabaseIncidentTimelineStore';
export type {
  BudgetComputed,
  BudgetStore,
  StoredBudgetEpisode,
} from './DatabaseBudgetStore';
