#!/usr/bin/env node
// Fails when the top-level folders of a package's src/ import each other in a
// cycle (engine -> alerts -> engine), which makes layers impossible to read
// or test alone. Usage: node scripts/check-folder-cycles.mjs [package dir...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The folder directly under src/ a file belongs to ('.' for src/ itself). */
function folderOf(src, file) {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** Edges between src/'s folders: from -> Set(to). Tests and test utilities do not count. */
export function folderGraph(src) {
  const graph = new Map();
  for (const file of sourceFiles(src)) {
    const from = folderOf(src, file);
    if (from === '__testUtils__') continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1] ?? match[2]);
      if (!target.startsWith(src + sep)) continue;
      const to = folderOf(src, target);
      // src/ itself (plugin.ts, index.ts) wires the folders: it may import any
      if (to === from || from === '.' || to === '.') continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from).add(to);
    }
  }
  return graph;
}

/** Every cycle's folders (strongly connected components of more than one folder). */
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const packages = process.argv.slice(2);
  let failed = false;
  for (const pkg of packages.length ? packages : ['.']) {
    const src = resolve(pkg, 'src');
    const graph = folderGraph(src);
    for (const cycle of cycles(graph)) {
      failed = true;
      const edges = cycle.flatMap(from =>
        [...(graph.get(from) ?? [])]
          .filter(to => cycle.includes(to))
          .map(to => `${from} -> ${to}`),
      );
      console.error(
        `${relative(
          process.cwd(),
          src,
        )}: folders import each other in a cycle: ${edges.join(', ')}`,
      );
    }
  }
  if (failed) process.exit(1);
  console.log('no import cycles between folders');
}
