import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { cycles, folderGraph } from './check-folder-cycles.mjs';

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
