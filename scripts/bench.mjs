#!/usr/bin/env node
// Runs every benchmark (`yarn bench`). The engine benchmark runs once per
// organisation size, on SQLite and, for its store-bound figures, on
// PostgreSQL, and its figures are printed side by side per size:
//   yarn bench --entities 100000      10,000 and 100,000 components
//   yarn bench --entities 50000,100000 --engine-only
// `--engine-only` leaves out the HTTP and notifier figures of the engine
// benchmark (slow at 100,000); `--engine` runs the engine benchmark alone.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const valueOf = name => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const sizes = [
  ...new Set([
    10_000,
    ...(valueOf('--entities') ?? '').split(',').filter(Boolean).map(Number),
  ]),
].sort((a, b) => a - b);
if (sizes.some(n => !Number.isInteger(n) || n < 100)) {
  console.error('--entities takes whole numbers of components, e.g. 100000');
  process.exit(2);
}
const engineOnly = args.includes('--engine-only');
const hasPostgres = Boolean(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
);
const TRANSFORM = ['--require', '@backstage/cli-node/config/nodeTransform.cjs'];

function run(command, commandArgs, capture = false) {
  const result = spawnSync(command, commandArgs, {
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (result.status !== 0) {
    if (capture) process.stdout.write(result.stdout ?? '');
    console.error(`${command} ${commandArgs.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

/** The engine benchmark's figures: its lines `  label: figures`, by label. */
function figures(output) {
  const found = new Map();
  for (const line of output.split('\n')) {
    const match = /^ {2}([^:]+): (.*)$/.exec(line);
    if (match) found.set(match[1], match[2]);
  }
  return found;
}

const label = n => n.toLocaleString('en-US');

if (!args.includes('--engine')) {
  run('node', [...TRANSFORM, 'plugins/status-common/bench/propagation.ts']);
}

const runs = [];
for (const size of sizes) {
  for (const database of hasPostgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const name = `${label(size)} ${
      database === 'sqlite' ? 'SQLite' : 'PostgreSQL'
    }`;
    console.log(`engine benchmark: ${name}…`);
    const output = run(
      'node',
      [
        '--expose-gc',
        ...TRANSFORM,
        'plugins/status-backend/bench/engine.ts',
        '--entities',
        String(size),
        '--database',
        database,
        // HTTP and the notifier read the store little: SQLite tells enough
        ...(engineOnly || database === 'postgres' ? ['--engine-only'] : []),
      ],
      true,
    );
    runs.push({ name, figures: figures(output) });
  }
}
if (!hasPostgres)
  console.log(
    'PostgreSQL: skipped (set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
  );
const width = Math.max(...runs.map(r => r.name.length));
const labels = [...new Set(runs.flatMap(r => [...r.figures.keys()]))];
console.log(`\nStatus engine, ${runs.map(r => r.name).join(' | ')}`);
for (const figure of labels) {
  console.log(`  ${figure}`);
  for (const r of runs)
    if (r.figures.has(figure))
      console.log(`    ${r.name.padEnd(width)}  ${r.figures.get(figure)}`);
}

if (!args.includes('--engine')) {
  for (const bench of [
    'bench:sync',
    'bench:ingest',
    'bench:webhooks',
    'bench:history',
    'bench:timelines',
    'bench:ui',
  ])
    run('yarn', [bench]);
}
