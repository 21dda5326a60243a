import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import catalogModuleStatusServiceMappings from '@status-layer/plugin-catalog-backend-module-status';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  restrictedCatalogFeatures,
  SRE_GROUP,
} from '../__testUtils__/restrictedCatalog';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(120_000);

const SRE = 'user:default/sre-lead';
const OWNER = 'group:default/shop';

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: OWNER },
});

const entities = [
  component('orders'),
  component('billing', { 'pagerduty.com/service-id': 'PBILL01' }),
];

describe('a service mapped in the portal reaches the catalog entity', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'through the catalog module, and leaves it when removed, on %p',
    async databaseId => {
      const statusKnex = await databases.init(databaseId);
      const catalog = await restrictedCatalogFeatures({
        databases,
        databaseId,
        statusKnex,
        entities,
        memberships: { [SRE]: [SRE_GROUP] },
      });
      // one events bus for both plugins, as in one backend process (the
      // test backend's default gives each plugin its own)
      const events = DefaultEventsService.create({
        logger: mockServices.logger.mock(),
      });
      const server = await startStatusTestBackend({
        realCatalog: true,
        config: { permission: { enabled: true } },
        features: [
          ...catalog.features,
          catalogModuleStatusServiceMappings,
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => events,
          }),
        ],
      });
      const auth = mockCredentials.user.header(SRE);
      const annotationsOf = async (name: string) => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/component/default/${name}`)
          .set('Authorization', auth);
        return res.body?.metadata?.annotations ?? {};
      };
      await waitForExpect(async () => {
        expect(await annotationsOf('orders')).toHaveProperty([
          'backstage.io/managed-by-location',
        ]);
        expect(await annotationsOf('billing')).toHaveProperty([
          'pagerduty.com/service-id',
        ]);
      }, 60_000);

      // YAML wins: refused, and the entity keeps its own service
      await request(server)
        .put('/api/status/mappings')
        .set('Authorization', auth)
        .send({ entityRef: 'component:default/billing', serviceId: 'PPORT01' })
        .expect(409);

      const putAt = performance.now();
      await request(server)
        .put('/api/status/mappings')
        .set('Authorization', auth)
        .send({ entityRef: 'component:default/orders', serviceId: 'PORDER1' })
        .expect(200);
      await waitForExpect(
        async () => {
          expect(await annotationsOf('orders')).toMatchObject({
            'pagerduty.com/service-id': 'PORDER1',
            'status-layer.io/pagerduty-mapping': 'portal',
          });
        },
        30_000,
        25,
      );
      const appliedMs = performance.now() - putAt;

      // mapped again from the portal: allowed, the annotation was the portal's
      await request(server)
        .put('/api/status/mappings')
        .set('Authorization', auth)
        .send({ entityRef: 'component:default/orders', serviceId: 'PORDER2' })
        .expect(200);
      await waitForExpect(async () => {
        expect(await annotationsOf('orders')).toHaveProperty(
          ['pagerduty.com/service-id'],
          'PORDER2',
        );
      }, 30_000);

      const deleteAt = performance.now();
      await request(server)
        .delete('/api/status/mappings')
        .query({ entityRef: 'component:default/orders' })
        .set('Authorization', auth)
        .expect(204);
      await waitForExpect(
        async () => {
          const annotations = await annotationsOf('orders');
          expect(annotations).not.toHaveProperty(['pagerduty.com/service-id']);
          expect(annotations).not.toHaveProperty([
            'status-layer.io/pagerduty-mapping',
          ]);
        },
        30_000,
        25,
      );
      const removedMs = performance.now() - deleteAt;
      expect(await annotationsOf('billing')).toHaveProperty(
        ['pagerduty.com/service-id'],
        'PBILL01',
      );
      // the figure the README quotes
      // eslint-disable-next-line no-console
      console.log(
        `on ${databaseId}: PUT /mappings to annotation ${Math.round(
          appliedMs,
        )} ms; DELETE to gone ${Math.round(removedMs)} ms`,
      );
    },
  );
});
