export { StatusDashboard } from './StatusDashboard';
