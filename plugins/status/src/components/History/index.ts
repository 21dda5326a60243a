export { HistoryCard } from './HistoryCard';
export { describeDay, formatDuration, HistoryBars } from './HistoryBars';
