/* eslint-disable no-console */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIOS } from './control/scenarios';
import { startPagerDutySimulator } from './startPagerDutySimulator';
import {
  SAMPLE_ALERT_SOURCES,
  SampleAlertSource,
  sendSampleAlert,
} from './alerts/samples';

const USAGE = `PagerDuty simulator

  yarn demo serve [--port 7008] [--seed 42] [--catalog examples/catalog.yaml]
                  [--scenario auth-outage [--hold] [--started-ago 120]]
                  [--token simulator-token] [--rate-limit 960] [--missing PNOSUCH]
  yarn demo status
  yarn demo <scenario> [--hold]            ${Object.keys(SCENARIOS).join(' | ')}
  yarn demo trigger <service> [--urgency high|low] [--priority P1] [--title "..."]
  yarn demo ack|resolve <incident-number|incident-id|service>
  yarn demo escalate <incident-number|incident-id>
  yarn demo maintenance start <service>... [--minutes 60] [--description "..."]
  yarn demo maintenance end <window-id|service>
  yarn demo faults [--latency ms] [--jitter ms] [--error-rate 0..1] [--hang-rate 0..1]
                   [--outage seconds] [--rate-limit n] [--webhook-delay ms]
  yarn demo faults --endpoint /incidents --mode error|timeout|endless-more|duplicates [--status 503]
  yarn demo faults --endpoint /incidents --mode none
  yarn demo faults clear
  yarn demo send-alert <tool|all> [--service checkout-api] [--resolve]
                   [--backend http://localhost:7007] [--secret demo-<tool>-secret]
                   tools: ${SAMPLE_ALERT_SOURCES.join(' | ')}

A service is its PagerDuty ID or its catalog entity name (e.g. auth-service).
Commands other than serve talk to --url (default $PAGERDUTY_SIMULATOR_URL or
http://localhost:7008).`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    catalog: { type: 'string' },
    scenario: { type: 'string' },
    hold: { type: 'boolean' },
    'started-ago': { type: 'string' },
    token: { type: 'string', multiple: true },
    'rate-limit': { type: 'string' },
    missing: { type: 'string', multiple: true },
    urgency: { type: 'string' },
    priority: { type: 'string' },
    title: { type: 'string' },
    minutes: { type: 'string' },
    description: { type: 'string' },
    latency: { type: 'string' },
    jitter: { type: 'string' },
    'error-rate': { type: 'string' },
    'hang-rate': { type: 'string' },
    outage: { type: 'string' },
    'webhook-delay': { type: 'string' },
    endpoint: { type: 'string' },
    mode: { type: 'string' },
    status: { type: 'string' },
    service: { type: 'string' },
    resolve: { type: 'boolean' },
    backend: { type: 'string' },
    secret: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const baseUrl = (
  flags.url ??
  process.env.PAGERDUTY_SIMULATOR_URL ??
  'http://localhost:7008'
).replace(/\/$/, '');
const num = (value: string | undefined) =>
  value === undefined ? undefined : Number(value);

async function control(
  method: string,
  path2: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/_control${path2}`, {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(
      `No simulator answers at ${baseUrl} (${String(
        (error as Error).cause ?? error,
      )}). Start it with: yarn demo serve`,
    );
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function ok(result: { status: number; body: any }) {
  if (result.status >= 400) {
    throw new Error(result.body?.error ?? `HTTP ${result.status}`);
  }
  return result.body;
}

function printIncidents(incidents: any[]) {
  if (!incidents.length) {
    console.log('No open incidents.');
    return;
  }
  for (const i of incidents) {
    console.log(
      `#${i.number} ${i.id}  ${i.status.padEnd(12)} ${i.urgency.padEnd(4)} ${(
        i.priority ?? '--'
      ).padEnd(3)} ${i.service}: ${i.title}`,
    );
  }
}

async function onIncidentOrService(
  action: 'acknowledge' | 'resolve',
  target: string,
) {
  const asIncident = await control(
    'POST',
    `/incidents/${encodeURIComponent(target)}/${action}`,
  );
  if (asIncident.status !== 404) {
    printIncidents([ok(asIncident)]);
    return;
  }
  printIncidents(
    ok(
      await control(
        'POST',
        `/services/${encodeURIComponent(target)}/${action}`,
      ),
    ),
  );
}

async function main() {
  const [command, ...args] = positionals;
  if (!command || flags.help) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'send-alert': {
      // the demo's app-config.yaml gives each tool the secret demo-<tool>-secret
      const [tool = ''] = args;
      const tools =
        tool === 'all'
          ? [...SAMPLE_ALERT_SOURCES]
          : [tool as SampleAlertSource];
      for (const source of tools) {
        if (!SAMPLE_ALERT_SOURCES.includes(source))
          throw new Error(
            `Unknown tool "${source}"; use one of ${SAMPLE_ALERT_SOURCES.join(
              ', ',
            )} or all`,
          );
        const result = await sendSampleAlert({
          backendUrl:
            flags.backend ??
            process.env.STATUS_BACKEND_URL ??
            'http://localhost:7007',
          source,
          secret: flags.secret ?? `demo-${source}-secret`,
          service: flags.service ?? 'checkout-api',
          resolve: flags.resolve,
          id: `${source}-${flags.service ?? 'checkout-api'}`,
        });
        console.log(
          `${source}: HTTP ${result.status} ${result.body.slice(0, 200)}`,
        );
      }
      break;
    }
    case 'serve': {
      const sim = await startPagerDutySimulator({
        port: num(flags.port) ?? 7008,
        host: flags.host,
        seed: num(flags.seed),
        catalogFile: flags.catalog ? path.resolve(flags.catalog) : undefined,
        apiTokens: flags.token,
        rateLimitPerMinute: num(flags['rate-limit']),
        missingServiceIds: flags.missing,
        scenario: flags.scenario
          ? {
              name: flags.scenario,
              hold: flags.hold,
              startedSecondsAgo: num(flags['started-ago']),
            }
          : undefined,
        log: message => console.log(`[pagerduty-simulator] ${message}`),
      });
      const stop = () => sim.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'status': {
      const status = ok(await control('GET', '/status'));
      console.log(
        `Scenario: ${
          status.scenario
            ? `${status.scenario.name}${status.scenario.held ? ' (held)' : ''}`
            : 'none'
        }`,
      );
      printIncidents(status.openIncidents);
      for (const w of status.ongoingMaintenance) {
        console.log(
          `Maintenance ${w.id} until ${w.end_time}: ${w.services
            .map((s: any) => s.summary)
            .join(', ')}`,
        );
      }
      return;
    }
    case 'trigger':
      printIncidents([
        ok(
          await control('POST', '/incidents', {
            service: args[0],
            urgency: flags.urgency,
            priority: flags.priority,
            title: flags.title,
          }),
        ),
      ]);
      return;
    case 'ack':
    case 'acknowledge':
      await onIncidentOrService('acknowledge', args[0]);
      return;
    case 'resolve':
      await onIncidentOrService('resolve', args[0]);
      return;
    case 'escalate':
      printIncidents([
        ok(
          await control(
            'POST',
            `/incidents/${encodeURIComponent(args[0])}/escalate`,
          ),
        ),
      ]);
      return;
    case 'maintenance': {
      const [action, ...targets] = args;
      if (action === 'start') {
        const w = ok(
          await control('POST', '/maintenance', {
            services: targets,
            minutes: num(flags.minutes) ?? 60,
            description: flags.description,
          }),
        );
        console.log(`Maintenance ${w.id} until ${w.end_time}`);
      } else if (action === 'end') {
        const ended = ok(
          await control(
            'DELETE',
            `/maintenance/${encodeURIComponent(targets[0])}`,
          ),
        );
        console.log(`Ended ${ended.length} maintenance window(s).`);
      } else {
        throw new Error('maintenance start|end');
      }
      return;
    }
    case 'faults': {
      if (args[0] === 'clear') {
        ok(await control('DELETE', '/faults'));
        console.log('Faults cleared.');
        return;
      }
      const body = Object.fromEntries(
        Object.entries({
          latencyMs: num(flags.latency),
          jitterMs: num(flags.jitter),
          errorRate: num(flags['error-rate']),
          hangRate: num(flags['hang-rate']),
          outageSeconds: num(flags.outage),
          rateLimitPerMinute: num(flags['rate-limit']),
          webhookDelayMs: num(flags['webhook-delay']),
          endpoints: flags.endpoint
            ? {
                [flags.endpoint]:
                  !flags.mode || flags.mode === 'none'
                    ? null
                    : { mode: flags.mode, status: num(flags.status) },
              }
            : undefined,
        }).filter(([, v]) => v !== undefined),
      );
      console.log(
        JSON.stringify(ok(await control('PUT', '/faults', body)), null, 2),
      );
      return;
    }
    case 'scenario':
      await runScenario(args[0]);
      return;
    default:
      if (SCENARIOS[command]) {
        await runScenario(command);
        return;
      }
      throw new Error(`Unknown command ${command}\n\n${USAGE}`);
  }
}

async function runScenario(name: string) {
  const result = ok(
    await control('POST', `/scenarios/${encodeURIComponent(name)}`, {
      hold: Boolean(flags.hold),
    }),
  );
  console.log(`Scenario ${name}: ${SCENARIOS[name]?.description ?? ''}`);
  printIncidents(result.openIncidents);
}

main().catch(error => {
  console.error(String(error.message ?? error));
  process.exit(1);
});
