/* eslint-disable no-console */
// One status backend as its own process, for `yarn chaos`: the plugin on real
// HTTP with the real scheduler (its locks and intervals in PostgreSQL), a
// catalog of synthetic services, and the configuration it is given. Prints
// "READY <base URL>" when the engine answers. Options come as JSON in
// STATUS_CHAOS_BACKEND: { connection, services, config }.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import { startStatusTestBackend } from '../src/__testUtils__/startStatusTestBackend';
import {
  silentLoggerFactory,
  syntheticServiceId,
  waitForStatusEngine,
} from '../bench/benchSupport';

type Options = { connection: string; services: number; config: object };

/** svc-0 is the shared platform everything else calls. */
export function syntheticEntities(services: number): Entity[] {
  return Array.from({ length: services }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': syntheticServiceId(i) },
    },
    spec: {
      type: 'service',
      owner: `group:default/team-${i % 5}`,
      lifecycle: 'production',
      ...(i > 0 ? { dependsOn: ['component:default/svc-0'] } : {}),
    },
  }));
}

async function main() {
  const options: Options = JSON.parse(process.env.STATUS_CHAOS_BACKEND ?? '');
  const knex = knexFactory({
    client: 'pg',
    connection: options.connection,
    // a dead connection is noticed within seconds, not at the OS's timeout
    acquireConnectionTimeout: 5_000,
  });
  const server = await startStatusTestBackend({
    knex,
    entities: syntheticEntities(options.services),
    config: options.config,
    features: [silentLoggerFactory, schedulerServiceFactory],
  });
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/status`;
  await waitForStatusEngine(baseUrl, 120_000);
  console.log(`READY ${baseUrl}`);
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
