export { ResponseCard, withTrend } from './ResponseCard';
export { TeamResponse } from './TeamResponse';
