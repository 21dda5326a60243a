export { describeWindow, MaintenanceCard } from './MaintenanceCard';
