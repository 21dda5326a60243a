import { createBackend } from '@backstage/backend-defaults';
import { statusModulePagerDutySimulator } from './modules/pagerDutySimulatorModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, logging processing errors of catalog entities
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission: allow-all policy; see https://backstage.io/docs/permissions/getting-started
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search: PostgreSQL engine when on PostgreSQL, in-memory Lunr otherwise
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));

// events bus, so that signals and catalog events reach every backend replica
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals (live updates to open browsers)
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Microsoft Teams channels: cards through workflow webhooks (see app-config.yaml)
backend.add(
  import('@status-layer/plugin-notifications-backend-module-msteams'),
);

// status: entity health from PagerDuty and monitoring tools
backend.add(import('@status-layer/plugin-status-backend'));
// PagerDuty services mapped in the portal become catalog annotations
backend.add(import('@status-layer/plugin-catalog-backend-module-status'));
// the demo's PagerDuty simulator, started only without a PagerDuty token
backend.add(statusModulePagerDutySimulator);

backend.start();
