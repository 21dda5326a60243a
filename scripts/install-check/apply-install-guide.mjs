// Follows the install guide (README.md, "Install into your own Backstage
// app") in a Backstage app, word for word: every code block marked with
// `<!-- install-check: KIND -->` is applied as it is written, in order, so the
// check tests the guide itself and a change to the guide changes the check.
//
//   yarnrc          YAML merged into the app's .yarnrc.yml
//   shell           each command run in the app's root folder
//   backend-index   each line added before `backend.start()` in
//                   packages/backend/src/index.ts, unless already there
//   app-config      YAML merged into the app's app-config.yaml
//   simulator       the command that starts the simulator (printed by
//                   `--print simulator`, run by the caller)
//
// usage: node apply-install-guide.mjs <README.md> <app folder>
//        node apply-install-guide.mjs <README.md> --print <kind>
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const SECTION = '## Install into your own Backstage app';
const KINDS = ['yarnrc', 'shell', 'backend-index', 'app-config', 'simulator'];

/** The marked blocks of the guide, in order: `{ kind, language, text }`. */
export function readGuideBlocks(markdown) {
  const start = markdown.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no "${SECTION}" section`);
  const rest = markdown.slice(start + SECTION.length);
  const next = rest.search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next);
  const pattern =
    /<!-- install-check: ([\w-]+) -->\s*```(\w+)\n([\s\S]*?)\n```/g;
  const blocks = [];
  for (const match of section.matchAll(pattern)) {
    const [, kind, language, text] = match;
    if (!KINDS.includes(kind)) {
      throw new Error(`unknown install-check block kind "${kind}"`);
    }
    blocks.push({ kind, language, text });
  }
  if (blocks.length === 0) throw new Error('the guide has no marked blocks');
  return blocks;
}

function isSameValue(node, value) {
  const plain =
    node && typeof node.toJSON === 'function' ? node.toJSON() : node;
  return JSON.stringify(plain) === JSON.stringify(value);
}

/** The key of a one-key map such as `- page:home: {...}` in app.extensions. */
function soleKey(value) {
  if (isMap(value) && value.items.length === 1) {
    return String(value.items[0].key?.value ?? value.items[0].key);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return keys.length === 1 ? keys[0] : undefined;
  }
  return undefined;
}

/**
 * Merges a plain value into a YAML node in place, keeping the file's comments:
 * maps merge key by key; in lists, a one-key map (an extension) merges into
 * the item with the same key and anything else is appended unless present.
 */
export function mergeInto(doc, node, value) {
  if (
    isMap(node) &&
    value &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    for (const [key, child] of Object.entries(value)) {
      const existing = node.get(key, true);
      if (
        existing &&
        (isMap(existing) || isSeq(existing)) &&
        typeof child === 'object' &&
        child !== null
      ) {
        mergeInto(doc, existing, child);
      } else {
        node.set(key, doc.createNode(child));
      }
    }
    return;
  }
  if (isSeq(node) && Array.isArray(value)) {
    for (const item of value) {
      const key = soleKey(item);
      const same = key
        ? node.items.find(existing => soleKey(existing) === key)
        : node.items.find(existing => isSameValue(existing, item));
      if (key && same) {
        mergeInto(doc, same, item);
      } else if (!same) {
        node.add(doc.createNode(item));
      }
    }
    return;
  }
  throw new Error(`cannot merge ${JSON.stringify(value)} into ${node}`);
}

export function mergeYamlText(fileText, blockText) {
  const doc = parseDocument(fileText);
  const block = parseDocument(blockText);
  // a guide whose YAML does not parse fails here, as it would fail an adopter
  for (const parsed of [doc, block]) {
    if (parsed.errors.length > 0) throw parsed.errors[0];
  }
  const addition = block.toJS();
  if (doc.contents === null || isScalar(doc.contents)) {
    doc.contents = doc.createNode({});
  }
  mergeInto(doc, doc.contents, addition);
  return doc.toString({ lineWidth: 0 });
}

export function addBackendLines(indexText, blockText) {
  const anchor = 'backend.start();';
  if (!indexText.includes(anchor)) {
    throw new Error(`the backend's index.ts has no "${anchor}"`);
  }
  const missing = blockText
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('//'))
    .filter(line => !indexText.includes(line));
  if (missing.length === 0) return indexText;
  return indexText.replace(anchor, `${missing.join('\n')}\n\n${anchor}`);
}

function apply(blocks, appDir) {
  for (const block of blocks) {
    console.log(`[install guide] ${block.kind}:\n${block.text}\n`);
    if (block.kind === 'yarnrc' || block.kind === 'app-config') {
      const file = path.join(
        appDir,
        block.kind === 'yarnrc' ? '.yarnrc.yml' : 'app-config.yaml',
      );
      fs.writeFileSync(
        file,
        mergeYamlText(fs.readFileSync(file, 'utf8'), block.text),
      );
    } else if (block.kind === 'shell') {
      for (const command of block.text.split('\n')) {
        if (!command.trim() || command.trim().startsWith('#')) continue;
        execSync(command, { cwd: appDir, stdio: 'inherit' });
      }
    } else if (block.kind === 'backend-index') {
      const file = path.join(appDir, 'packages/backend/src/index.ts');
      fs.writeFileSync(
        file,
        addBackendLines(fs.readFileSync(file, 'utf8'), block.text),
      );
    }
    // 'simulator' is run by the caller (--print simulator)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [readme, target, kind] = process.argv.slice(2);
  if (!readme || !target) {
    console.error(
      'usage: apply-install-guide.mjs <README.md> <app folder> | --print <kind>',
    );
    process.exit(2);
  }
  const blocks = readGuideBlocks(fs.readFileSync(readme, 'utf8'));
  if (target === '--print') {
    const found = blocks.filter(block => block.kind === kind);
    if (found.length === 0) {
      console.error(`the guide has no "${kind}" block`);
      process.exit(1);
    }
    console.log(found.map(block => block.text).join('\n'));
  } else {
    apply(blocks, target);
  }
}
