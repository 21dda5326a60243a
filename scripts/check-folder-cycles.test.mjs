import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import {
  cycles,
  folderGraph,
  layerViolations,
  problems,
} from './check-folder-cycles.mjs';

function tree(files) {
  const root = mkdtempSync(join(tmpdir(), 'cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  return root;
}

test('finds folders that import each other, through any number of folders', () => {
  const root = tree({
    'engine/Engine.ts': "import { map } from '../alerts/map';",
    'alerts/map.ts': "import { index } from '../service/index';",
    'service/index.ts': "export { Engine } from '../engine/Engine';",
    'lib/util.ts': 'export const x = 1;',
  });
  try {
    const graph = folderGraph(join(root, 'src'));
    assert.deepEqual(cycles(graph), [['alerts', 'engine', 'service']]);
  } finally {
    rmSync(root, { recursive: true });
  }
});

test('lets src/ itself, tests and test utilities import anything', () => {
  const root = tree({
    'plugin.ts':
      "import { a } from './engine/a'; import { b } from './alerts/b';",
    'engine/a.ts': "import { lib } from '../lib/lib';",
    'alerts/b.ts': "import { lib } from '../lib/lib';",
    'alerts/b.test.ts': "import { a } from '../engine/a';",
    'engine/a.test.ts': "import { b } from '../alerts/b';",
    '__testUtils__/stack.ts': "import { a } from '../engine/a';",
    'lib/lib.ts': "import { stack } from '../__testUtils__/stack';",
  });
  try {
    assert.deepEqual(cycles(folderGraph(join(root, 'src'))), []);
  } finally {
    rmSync(root, { recursive: true });
  }
});

function withTree(files, check) {
  const root = tree(files);
  try {
    check(join(root, 'src'));
  } finally {
    rmSync(root, { recursive: true });
  }
}

test('a folder and its nested folder importing each other are a cycle', () => {
  withTree(
    {
      'pagerduty/client.ts': "import { token } from './auth/token';",
      'pagerduty/errors.ts': 'export class Refused {}',
      'pagerduty/auth/token.ts': "import { Refused } from '../errors';",
      'pagerduty/webhooks/router.ts': "import { client } from '../client';",
    },
    src => {
      // as one top folder, pagerduty has no cycle with itself
      assert.deepEqual(cycles(folderGraph(src)), []);
      assert.deepEqual(cycles(folderGraph(src, Infinity)), [
        ['pagerduty', 'pagerduty/auth'],
      ]);
      assert.deepEqual(problems(src), [
        'folders import each other in a cycle: pagerduty -> pagerduty/auth, pagerduty/auth -> pagerduty',
      ]);
    },
  );
});

test('finds files that import each other, in one folder or through src/ itself', () => {
  withTree(
    {
      'pagerduty/sync.ts': "import { part } from './part';",
      'pagerduty/part.ts': "import type { Context } from './sync';",
      'api.ts': "import type { Row } from './rules/rows';",
      'rules/rows.ts': "import type { Entity } from '../api';",
      // a lazy import loads later: no circle
      'translation.ts': "const ja = () => import('./translations/ja');",
      'translations/ja.ts': "import { ref } from '../translation';",
    },
    src => {
      assert.deepEqual(problems(src), [
        'files import each other in a circle: api.ts -> rules/rows.ts, rules/rows.ts -> api.ts',
        'files import each other in a circle: pagerduty/part.ts -> pagerduty/sync.ts, pagerduty/sync.ts -> pagerduty/part.ts',
      ]);
    },
  );
});

test('a folder imports only folders of lower layers, nested folders counting as their top folder', () => {
  const layers = [['lib'], ['database'], ['engine', 'pagerduty'], ['service']];
  withTree(
    {
      'lib/a.ts': "import { e } from '../engine/e';",
      'engine/e.ts': "import { w } from '../pagerduty/webhooks/w';",
      'pagerduty/webhooks/w.ts': "import { d } from '../../database/d';",
      'database/d.ts': "import { l } from '../lib/l';",
      'lib/l.ts': 'export const l = 1;',
      'service/s.ts':
        "import { e } from '../engine/e'; import { x } from '../extra/x';",
      'extra/x.ts': 'export const x = 1;',
      'engine/e.test.ts': "import { s } from '../service/s';",
      '__testUtils__/stack.ts': "import { s } from '../service/s';",
      'plugin.ts': "import { s } from './service/s';",
    },
    src => {
      assert.deepEqual(layerViolations(src, layers).sort(), [
        'engine may not import pagerduty (layer 2 -> 2)',
        'folder extra has no layer in scripts/layers.json',
        'lib may not import engine (layer 0 -> 2)',
      ]);
    },
  );
});

test('a layered src/ holds only its entry points, set-up and tests', () => {
  withTree(
    {
      'index.ts': "export * from './plugin';",
      'plugin.ts': "import { s } from './service/s';",
      'setupTests.ts': '',
      'plugin.test.ts': '',
      'connection.ts': "import { l } from './lib/l';",
      'service/s.ts': "import { c } from '../connection';",
      'lib/l.ts': 'export const l = 1;',
    },
    src => {
      assert.deepEqual(layerViolations(src, [['lib'], ['service']]), [
        'src/connection.ts lies outside the layers: move it into a folder that scripts/layers.json names',
      ]);
    },
  );
});

test("the status backend's declared layers hold", () => {
  const root = new URL('..', import.meta.url).pathname;
  const layers = JSON.parse(
    readFileSync(join(root, 'scripts', 'layers.json'), 'utf8'),
  )['plugins/status-backend'];
  assert.ok(layers.length > 1);
  assert.deepEqual(
    problems(join(root, 'plugins', 'status-backend', 'src'), layers),
    [],
  );
  // the architecture document explains the same declaration
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  assert.match(doc, /`scripts\/layers\.json`/);
  for (const folder of layers.flat()) assert.ok(doc.includes(`\`${folder}/\``));
});
