export { RecentChangesCard, RecentChangesList } from './RecentChangesCard';
