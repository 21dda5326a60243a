// Follows the install guide (README.md, "Install into your own Backstage
// app") in a Backstage app, word for word: every code block marked with
// `<!-- install-check: KIND [ATTRIBUTES] -->` is applied as it is written, in
// order, so the check tests the guide itself and a change to the guide
// changes the check.
//
//   yarnrc          YAML merged into the app's .yarnrc.yml
//   shell           each command run in the app's root folder
//   backend-index   each line added before `backend.start()` in
//                   packages/backend/src/index.ts, unless already there
//   app-config      YAML merged into the app's app-config.yaml
//   simulator       the command that starts the simulator (printed by
//                   `--print simulator`, run by the caller)
//   tsx-imports     each import statement added after the last import of
//                   `file=`, unless already there
//   tsx             the code inserted into `file=` before, after or instead
//                   of the first `before=`, `after=` or `replace=` text found
//                   after each `in=` text (repeat `in=` for several places)
//
// `app=new` or `app=legacy` limits a block to apps on that frontend system;
// a block without it applies to both. Attribute values with spaces are
// quoted, 'like this' or "like this".
//
// usage: node apply-install-guide.mjs <README.md> <app folder> [--frontend new|legacy]
//        node apply-install-guide.mjs <README.md> --print <kind>
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

const SECTION = '## Install into your own Backstage app';
const KINDS = [
  'yarnrc',
  'shell',
  'backend-index',
  'app-config',
  'simulator',
  'tsx-imports',
  'tsx',
];
const FRONTENDS = ['new', 'legacy'];
const ATTRIBUTES = ['app', 'file', 'in', 'before', 'after', 'replace'];

/** The `key=value` attributes of a marker, in order (a key may repeat). */
export function parseAttributes(text) {
  const attributes = [];
  const pattern = /([\w-]+)=(?:'([^']*)'|"([^"]*)"|(\S+))/g;
  let rest = text;
  for (const match of text.matchAll(pattern)) {
    const [, key, single, double, bare] = match;
    if (!ATTRIBUTES.includes(key)) {
      throw new Error(`unknown install-check attribute "${key}"`);
    }
    attributes.push([key, single ?? double ?? bare]);
    rest = rest.replace(match[0], '');
  }
  if (rest.trim()) {
    throw new Error(`cannot read install-check attributes "${rest.trim()}"`);
  }
  return attributes;
}

function toBlock(kind, language, text, attributeText) {
  const attributes = parseAttributes(attributeText);
  const one = key => attributes.find(([k]) => k === key)?.[1];
  const app = one('app');
  if (app !== undefined && !FRONTENDS.includes(app)) {
    throw new Error(`unknown install-check app "${app}"`);
  }
  const block = { kind, language, text, app };
  if (kind === 'tsx' || kind === 'tsx-imports') {
    block.file = one('file');
    if (!block.file) throw new Error(`a ${kind} block needs file=`);
  }
  if (kind === 'tsx') {
    const anchors = ['before', 'after', 'replace'].filter(
      key => one(key) !== undefined,
    );
    if (anchors.length !== 1) {
      throw new Error('a tsx block needs one of before=, after=, replace=');
    }
    block.position = anchors[0];
    block.anchor = one(anchors[0]);
    block.scopes = attributes.filter(([k]) => k === 'in').map(([, v]) => v);
  }
  return block;
}

/** The marked blocks of the guide, in order: `{ kind, language, text }`. */
export function readGuideBlocks(markdown) {
  const start = markdown.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no "${SECTION}" section`);
  const rest = markdown.slice(start + SECTION.length);
  const next = rest.search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next);
  const pattern =
    /<!-- install-check: ([\w-]+)((?:\s+[\w-]+=(?:'[^']*'|"[^"]*"|[^\s'"]+))*)\s*-->\s*```(\w+)\n([\s\S]*?)\n```/g;
  const blocks = [];
  for (const match of section.matchAll(pattern)) {
    const [, kind, attributeText, language, text] = match;
    if (!KINDS.includes(kind)) {
      throw new Error(`unknown install-check block kind "${kind}"`);
    }
    blocks.push(toBlock(kind, language, text, attributeText));
  }
  const markers = section.match(/<!-- install-check:/g) ?? [];
  if (markers.length !== blocks.length) {
    throw new Error(
      `${
        markers.length - blocks.length
      } install-check marker(s) are not followed by a code block the check can read`,
    );
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

/** The import statements of a TypeScript source, with where each ends. */
function importStatements(text) {
  return [...text.matchAll(/^import\s[\s\S]*?\sfrom\s+['"][^'"]+['"];?$/gm)];
}

const normalise = text => text.replace(/\s+/g, ' ').replace(/,\s*}/g, ' }');

/** Adds the block's import statements after the file's last import. */
export function addImports(sourceText, blockText) {
  const wanted = importStatements(blockText).map(m => m[0]);
  if (wanted.length === 0) throw new Error('the block has no import statement');
  const existing = new Set(
    importStatements(sourceText).map(m => normalise(m[0])),
  );
  const missing = wanted.filter(
    statement => !existing.has(normalise(statement)),
  );
  if (missing.length === 0) return sourceText;
  const last = importStatements(sourceText).pop();
  const at = last ? last.index + last[0].length : 0;
  return `${sourceText.slice(0, at)}${last ? '\n' : ''}${missing.join('\n')}${
    last ? '' : '\n'
  }${sourceText.slice(at)}`;
}

function indentLines(text, indent, skipFirst = false) {
  return text
    .split('\n')
    .map((line, i) => (line && !(skipFirst && i === 0) ? indent + line : line))
    .join('\n');
}

/**
 * Inserts the block's code into a source: before, after or instead of the
 * first occurrence of the anchor after each scope text (or in the whole file),
 * indented like the anchor's line (one level deeper before a closing tag).
 */
export function insertCode(sourceText, block) {
  let text = sourceText;
  const scopes = block.scopes?.length ? block.scopes : [undefined];
  for (const scope of scopes) {
    const from = scope === undefined ? 0 : text.indexOf(scope);
    if (from < 0) throw new Error(`${block.file} has no "${scope}"`);
    const at = text.indexOf(block.anchor, from);
    if (at < 0) {
      throw new Error(
        `${block.file} has no "${block.anchor}"${
          scope ? ` after "${scope}"` : ''
        }`,
      );
    }
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))[0];
    if (block.position === 'replace') {
      text =
        text.slice(0, at) +
        indentLines(block.text, indent, true) +
        text.slice(at + block.anchor.length);
    } else if (block.position === 'before') {
      const deeper = block.anchor.startsWith('</') ? `${indent}  ` : indent;
      text = `${text.slice(0, lineStart)}${indentLines(
        block.text,
        deeper,
      )}\n${text.slice(lineStart)}`;
    } else {
      let lineEnd = text.indexOf('\n', at + block.anchor.length);
      if (lineEnd < 0) lineEnd = text.length;
      text = `${text.slice(0, lineEnd)}\n${indentLines(
        block.text,
        indent,
      )}${text.slice(lineEnd)}`;
    }
  }
  return text;
}

/** The blocks that apply to an app on the given frontend system. */
export function blocksFor(blocks, frontend) {
  if (!FRONTENDS.includes(frontend)) {
    throw new Error(`unknown frontend system "${frontend}"`);
  }
  return blocks.filter(block => !block.app || block.app === frontend);
}

function apply(blocks, appDir) {
  for (const block of blocks) {
    console.log(
      `[install guide] ${block.kind}${block.file ? ` ${block.file}` : ''}:\n${
        block.text
      }\n`,
    );
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
    } else if (block.kind === 'tsx-imports' || block.kind === 'tsx') {
      const file = path.join(appDir, block.file);
      const source = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(
        file,
        block.kind === 'tsx'
          ? insertCode(source, block)
          : addImports(source, block.text),
      );
    }
    // 'simulator' is run by the caller (--print simulator)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [readme, target, option, value] = process.argv.slice(2);
  const kind = option;
  if (
    !readme ||
    !target ||
    (target !== '--print' && option && option !== '--frontend')
  ) {
    console.error(
      'usage: apply-install-guide.mjs <README.md> <app folder> [--frontend new|legacy] | --print <kind>',
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
    apply(blocksFor(blocks, value ?? 'new'), target);
  }
}
