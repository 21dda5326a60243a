import {
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { captureLogs } from '../__testUtils__/capturedLogs';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(60_000);

const ADA = 'user:default/ada';

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/shop',
  },
};

type Audited = {
  eventId: string;
  severityLevel?: string;
  meta?: object;
  outcome: 'success' | 'fail';
  error?: string;
};

describe('mapping routes: audit and refresh', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'audit who mapped what and when, and only log a refresh the catalog refuses, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const audited: Audited[] = [];
      const refreshed: string[] = [];
      const logs = captureLogs();
      const catalog = Object.assign(
        catalogServiceMock({ entities: [orders] }),
        {
          async refreshEntity(entityRef: string) {
            refreshed.push(entityRef);
            throw new Error('the catalog answered 503');
          },
        },
      );
      const server = await startStatusTestBackend({
        knex,
        realCatalog: true,
        config: {
          status: {
            pagerDuty: {
              apiToken: 'unused-token',
              apiBaseUrl: 'http://127.0.0.1:9',
              accounts: {
                eu: { apiToken: 'unused-eu', apiBaseUrl: 'http://127.0.0.1:9' },
              },
            },
          },
        },
        features: [
          logs.factory,
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => catalog,
          }),
          createServiceFactory({
            service: coreServices.auditor,
            deps: {},
            factory: () => ({
              async createEvent(options: AuditorServiceCreateEventOptions) {
                const base = {
                  eventId: options.eventId,
                  severityLevel: options.severityLevel,
                };
                return {
                  async success(result) {
                    audited.push({
                      ...base,
                      meta: { ...options.meta, ...result?.meta },
                      outcome: 'success',
                    });
                  },
                  async fail(result) {
                    audited.push({
                      ...base,
                      meta: { ...options.meta, ...result.meta },
                      outcome: 'fail',
                      error: result.error.name,
                    });
                  },
                };
              },
            }),
          }),
        ],
      });
      const auth = mockCredentials.user.header(ADA);

      const put = await request(server)
        .put('/api/status/mappings')
        .set('Authorization', auth)
        .send({
          entityRef: 'component:default/orders',
          serviceId: 'PORDER1',
          account: 'eu',
        });
      expect(put.status).toBe(200);
      expect(put.body.mapping).toMatchObject({
        entityRef: 'component:default/orders',
        account: 'eu',
        serviceId: 'PORDER1',
        createdBy: ADA,
      });
      await request(server)
        .put('/api/status/mappings')
        .set('Authorization', auth)
        .send({ entityRef: 'component:default/orders', serviceId: 'bad' })
        .expect(400);
      await request(server)
        .delete('/api/status/mappings')
        .query({ entityRef: 'component:default/orders' })
        .set('Authorization', auth)
        .expect(204);

      expect(audited).toEqual([
        {
          eventId: 'service-mapping',
          severityLevel: 'medium',
          outcome: 'success',
          meta: {
            actionType: 'set',
            entityRef: 'component:default/orders',
            account: 'eu',
            serviceId: 'PORDER1',
            createdBy: ADA,
            createdAt: put.body.mapping.createdAt,
          },
        },
        {
          eventId: 'service-mapping',
          severityLevel: 'medium',
          outcome: 'fail',
          error: 'InputError',
          meta: { actionType: 'set' },
        },
        {
          eventId: 'service-mapping',
          severityLevel: 'medium',
          outcome: 'success',
          meta: {
            actionType: 'remove',
            entityRef: 'component:default/orders',
            removed: true,
            removedBy: ADA,
            removedAt: expect.any(String),
          },
        },
      ]);
      // each change asked for a refresh; its failure was only logged
      expect(refreshed).toEqual([
        'component:default/orders',
        'component:default/orders',
      ]);
      expect(
        logs.lines.filter(
          l =>
            l.level === 'warn' && /Could not ask the catalog/.test(l.message),
        ),
      ).toHaveLength(2);
      expect(logs.text()).not.toContain('unused-token');
    },
  );
});
