export { HistoryCard } from './HistoryCard';
export { describeDay, HistoryBars } from './HistoryBars';
