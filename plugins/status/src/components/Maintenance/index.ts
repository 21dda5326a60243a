export { describeWindow, MaintenanceCard } from './MaintenanceCard';
export { MaintenanceOverview } from './MaintenanceOverview';
