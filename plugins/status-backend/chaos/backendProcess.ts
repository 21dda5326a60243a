/* eslint-disable no-console */
// One status backend as its own process, for `yarn chaos`: the plugin on real
// HTTP with the real scheduler (its locks and intervals in PostgreSQL), the
// events backend whose bus carries events between processes on the same
// PostgreSQL (as replicas of one Backstage), the signals backend that pushes
// to browsers, a catalog of synthetic services, and the configuration it is
// given. Prints "READY <base URL>" when the engine answers. Options come as
// JSON in STATUS_CHAOS_BACKEND: { server, prefix, services, config }; each
// plugin has its own database on the server, named with the prefix, so
// processes given the same prefix are replicas of one backend. Every
// `metricsEveryMs` (5 s by default) it prints "METRICS <json>": its resident
// memory, heap and the event loop's delay over the interval, for the soak.
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startStatusTestBackend } from '../src/__testUtils__/startStatusTestBackend';
import {
  silentLoggerFactory,
  syntheticServiceId,
  waitForStatusEngine,
} from '../bench/benchSupport';

type Options = {
  server: string;
  prefix: string;
  services: number;
  config: object;
  metricsEveryMs?: number;
};

/** A process's own measures of one interval, as the soak reads them. */
export type ProcessMetrics = {
  rssBytes: number;
  heapUsedBytes: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
};

function printMetricsEvery(intervalMs: number) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    const memory = process.memoryUsage();
    const metrics: ProcessMetrics = {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      lagP50Ms: delay.percentile(50) / 1e6,
      lagP99Ms: delay.percentile(99) / 1e6,
      lagMaxMs: delay.max / 1e6,
    };
    delay.reset();
    console.log(`METRICS ${JSON.stringify(metrics)}`);
  }, intervalMs).unref();
}

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
  const server = await startStatusTestBackend({
    entities: syntheticEntities(options.services),
    config: {
      ...options.config,
      backend: {
        database: {
          client: 'pg',
          connection: options.server,
          prefix: options.prefix,
          // a dead connection is noticed within seconds, not at the OS's timeout
          knexConfig: { acquireConnectionTimeout: 5_000 },
        },
      },
    },
    features: [
      databaseServiceFactory,
      silentLoggerFactory,
      schedulerServiceFactory,
      eventsServiceFactory,
      eventsPlugin,
      signalsPlugin,
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/status`;
  await waitForStatusEngine(baseUrl, 120_000);
  console.log(`READY ${baseUrl}`);
  printMetricsEvery(options.metricsEveryMs ?? 5_000);
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
