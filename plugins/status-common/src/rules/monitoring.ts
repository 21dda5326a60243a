// The display levels live in health/monitoring.ts; this path stays until
// every importer names the new one.
export * from '../health/monitoring';
