/* eslint-disable no-console */
// The reliability campaign (`yarn chaos`): status backends as their own
// processes on a throwaway PostgreSQL (started by scripts/chaos.sh, which can
// restart it), the PagerDuty simulator with faults, and a table of each
// scenario, what it expects and what was observed. Exits non-zero when a row
// does not hold. STATUS_CHAOS_FAULT_SECONDS shortens the PagerDuty outages
// (default 60: ten minutes compressed tenfold, with a sync every 6 s instead
// of every 60 s); STATUS_CHAOS_SOAK_SECONDS the soak (default 1,800);
// STATUS_CHAOS_ONLY=single, replicas or soak runs those scenarios alone.
import { startSyntheticSimulator } from '../bench/benchSupport';
import { fuzz, pagerDutyFault, postgresRestart } from './faults';
import { replicaScenarios } from './replicas';
import { soak } from './soak';
import {
  postgres,
  printTable,
  SERVICES,
  startBackend,
  stopBackend,
} from './support';

async function main() {
  if (!postgres) {
    console.error('STATUS_CHAOS_POSTGRES is not set: run `yarn chaos`');
    process.exit(2);
  }
  const simulator = await startSyntheticSimulator({
    services: SERVICES,
    groups: 5,
    seed: 42,
    historyDays: 0,
  });
  console.log(
    `simulator on ${simulator.url}; starting a backend process on PostgreSQL`,
  );
  const only = process.env.STATUS_CHAOS_ONLY;
  const backend = await startBackend(simulator.url);
  try {
    if (!only || only === 'single') await single(backend, simulator);
    if (!only || only === 'replicas') await replicaScenarios(simulator);
    if (!only || only === 'soak') await soak(backend, simulator);
  } finally {
    await stopBackend(backend);
    await simulator.close();
  }

  process.exit(printTable() ? 1 : 0);
}

/** The scenarios of one backend process. */
async function single(
  backend: Awaited<ReturnType<typeof startBackend>>,
  simulator: Awaited<ReturnType<typeof startSyntheticSimulator>>,
) {
  await fuzz(backend, Number(process.env.STATUS_CHAOS_FUZZ ?? 10_000));
  await pagerDutyFault('answering 503', simulator, backend, {
    errorRate: 1,
    errorStatuses: [503],
  });
  await pagerDutyFault('answering 429', simulator, backend, {
    errorRate: 1,
    errorStatuses: [429],
  });
  await pagerDutyFault('not answering (timeouts)', simulator, backend, {
    hangRate: 1,
  });
  await postgresRestart(backend);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
