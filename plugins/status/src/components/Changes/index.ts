export {
  ChangeList,
  RecentChangesCard,
  RecentChangesList,
} from './RecentChangesCard';
