import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from './startPagerDutySimulator';

jest.setTimeout(60_000);

const run = promisify(execFile);
const cli = path.resolve(__dirname, 'cli.ts');

describe('yarn demo (the CLI)', () => {
  let sim: PagerDutySimulator;
  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 9, historyDays: 1 });
  });
  afterAll(() => sim.close());

  const demo = (...args: string[]) =>
    run(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        cli,
        ...args,
        '--url',
        sim.url,
      ],
      {
        cwd: path.resolve(__dirname, '..'),
      },
    );

  it('runs a scenario and reports the open incidents', async () => {
    const { stdout } = await demo('auth-outage');
    expect(stdout).toMatch(/auth-service: Login failing/);
    expect(
      sim.state
        .openIncidents()
        .map(i => sim.state.services.get(i.serviceId)!.name),
    ).toEqual(['auth-service']);
    const status = await demo('status');
    expect(status.stdout).toContain('Scenario: auth-outage');
  });

  it('triggers and resolves by entity name, and calms everything', async () => {
    const { stdout } = await demo(
      'trigger',
      'payments-api',
      '--urgency',
      'low',
      '--priority',
      'P4',
    );
    expect(stdout).toMatch(/triggered\s+low\s+P4\s+payments-api/);
    await demo('resolve', 'payments-api');
    expect(
      sim.state
        .openIncidents()
        .some(
          i => sim.state.services.get(i.serviceId)!.name === 'payments-api',
        ),
    ).toBe(false);
    await demo('calm');
    expect(sim.state.openIncidents()).toEqual([]);
  });

  it('sets and clears faults', async () => {
    await demo('faults', '--latency', '50', '--error-rate', '0.25');
    expect(sim.faults).toMatchObject({ latencyMs: 50, errorRate: 0.25 });
    await demo('faults', 'clear');
    expect(sim.faults).toMatchObject({ latencyMs: 0, errorRate: 0 });
  });

  it('fails with a clear message for an unknown service or a missing simulator', async () => {
    await expect(demo('trigger', 'no-such-service')).rejects.toMatchObject({
      stderr: expect.stringContaining('No service no-such-service'),
    });
    await expect(
      run(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
          cli,
          'status',
          '--url',
          'http://127.0.0.1:9',
        ],
        {},
      ),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'No simulator answers at http://127.0.0.1:9',
      ),
    });
  });
});
