import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Runs the status backend alone, with mocked auth and a small catalog:
//   yarn workspace @status-layer/plugin-status-backend start
//   curl http://localhost:7007/api/status/health
//   curl 'http://localhost:7007/api/status/entity-configuration?entityRef=component:default/cart-api'

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'cart-api',
          annotations: { 'pagerduty.com/service-id': 'PCART01' },
        },
        spec: { type: 'service', owner: 'ecommerce', lifecycle: 'production' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
