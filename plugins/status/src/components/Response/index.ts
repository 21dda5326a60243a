export { ResponseCard, withTrend } from './ResponseCard';
