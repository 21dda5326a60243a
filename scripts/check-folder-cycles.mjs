#!/usr/bin/env node
// Keeps a package's src/ readable in layers. Fails when
// - folders import each other in a cycle (engine -> alerts -> engine), at
//   every depth: top folders (a nested folder counting as its top folder),
//   and every folder on its own, so pagerduty <-> pagerduty/auth is one too;
// - files import each other in a circle (a -> b -> a), anywhere in src/;
// - a folder imports a folder of its own or a higher layer, as
//   scripts/layers.json declares them for the package.
// Tests, test utilities and src/ itself (plugin.ts, index.ts) may import any
// folder; in a layered package, src/ itself holds nothing else. Usage: node scripts/check-folder-cycles.mjs [package dir...]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const TEST_UTILS = '__testUtils__';
/** What may live in a layered src/ itself: the entry points, set-up and tests. */
const SRC_ENTRY_FILE = /^(index|plugin|setupTests)\.tsx?$|\.test\.tsx?$/;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The file an import names: `./x` is x.ts, x.tsx or x/index.ts(x). */
function resolveImport(from, specifier) {
  const target = resolve(dirname(from), specifier);
  const candidates = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map(
    ending => target + ending,
  );
  return (
    [target, ...candidates].find(
      path => existsSync(path) && statSync(path).isFile(),
    ) ?? target
  );
}

/**
 * Every import between src/'s files, except those of test utilities:
 * { from, to, dynamic } with paths relative to src/.
 */
export function imports(src) {
  return sourceFiles(src).flatMap(file => {
    const from = relative(src, file);
    if (from.split(sep)[0] === TEST_UTILS) return [];
    return [...readFileSync(file, 'utf8').matchAll(IMPORT)].flatMap(match => {
      const target = resolveImport(file, match[1] ?? match[2]);
      if (!target.startsWith(src + sep)) return [];
      return [{ from, to: relative(src, target), dynamic: !match[1] }];
    });
  });
}

/**
 * The folder of a file ('.' for src/ itself), its first `depth` levels only:
 * at depth 1, pagerduty/webhooks/x.ts is in pagerduty.
 */
function folderOf(file, depth) {
  const parts = file.split(sep).slice(0, -1);
  return parts.length ? parts.slice(0, depth).join('/') : '.';
}

/**
 * Edges between src/'s folders: from -> Set(to). At depth 1 (the default) a
 * nested folder counts as its top folder; at depth Infinity every folder is
 * its own. src/ itself wires the folders: its imports, and imports of it, do
 * not count.
 */
export function folderGraph(src, depth = 1) {
  const graph = new Map();
  for (const { from: file, to: target } of imports(src)) {
    const from = folderOf(file, depth);
    const to = folderOf(target, depth);
    if (to === from || from === '.' || to === '.') continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
  }
  return graph;
}

/** Edges between src/'s files; a lazy `import()` loads later, so it makes no circle. */
export function fileGraph(src) {
  const graph = new Map();
  for (const { from, to, dynamic } of imports(src)) {
    if (dynamic || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
  }
  return graph;
}

/** Every cycle's nodes (strongly connected components of more than one node). */
export function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = node => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/**
 * Imports against the declared layers (lowest first, a list of folders each):
 * a folder imports only folders of lower layers. A top folder no layer
 * names is reported too, so that a new folder gets its place.
 */
export function layerViolations(src, layers) {
  const layerOf = new Map(
    layers.flatMap((folders, level) => folders.map(f => [f, level])),
  );
  const found = [];
  // src/ itself only wires the layers: any other module there would be
  // importable from every layer and import any, unchecked
  for (const file of sourceFiles(src)) {
    const path = relative(src, file);
    if (path.includes(sep) || SRC_ENTRY_FILE.test(path)) continue;
    found.push(
      `src/${path} lies outside the layers: move it into a folder that scripts/layers.json names`,
    );
  }
  const graph = folderGraph(src);
  for (const folder of new Set([
    ...graph.keys(),
    ...[...graph.values()].flatMap(to => [...to]),
  ])) {
    if (folder !== TEST_UTILS && !layerOf.has(folder)) {
      found.push(`folder ${folder} has no layer in scripts/layers.json`);
    }
  }
  for (const [from, targets] of graph) {
    if (from === TEST_UTILS || !layerOf.has(from)) continue;
    for (const to of targets) {
      if (layerOf.has(to) && layerOf.get(to) >= layerOf.get(from)) {
        found.push(
          `${from} may not import ${to} (layer ${layerOf.get(
            from,
          )} -> ${layerOf.get(to)})`,
        );
      }
    }
  }
  return found;
}

const edgesOf = (graph, cycle) =>
  cycle.flatMap(from =>
    [...(graph.get(from) ?? [])]
      .filter(to => cycle.includes(to))
      .map(to => `${from} -> ${to}`),
  );

/** What is wrong with one package's src/, one sentence each. */
export function problems(src, layers) {
  const found = [];
  const seen = new Set();
  const depths = [1, Infinity];
  for (const depth of depths) {
    const graph = folderGraph(src, depth);
    for (const cycle of cycles(graph)) {
      const edges = edgesOf(graph, cycle).join(', ');
      if (seen.has(edges)) continue;
      seen.add(edges);
      found.push(`folders import each other in a cycle: ${edges}`);
    }
  }
  const files = fileGraph(src);
  for (const circle of cycles(files)) {
    found.push(
      `files import each other in a circle: ${edgesOf(files, circle).join(
        ', ',
      )}`,
    );
  }
  if (layers) found.push(...layerViolations(src, layers));
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(new URL('..', import.meta.url).pathname);
  const declared = JSON.parse(
    readFileSync(join(root, 'scripts', 'layers.json'), 'utf8'),
  );
  const packages = process.argv.slice(2);
  let failed = false;
  for (const pkg of packages.length ? packages : ['.']) {
    const src = resolve(pkg, 'src');
    const name = relative(root, resolve(pkg)).split(sep).join('/');
    for (const problem of problems(src, declared[name])) {
      failed = true;
      console.error(`${relative(process.cwd(), src)}: ${problem}`);
    }
  }
  if (failed) process.exit(1);
  console.log(
    'no import cycles between folders or files, and every layer imports only lower ones',
  );
}
