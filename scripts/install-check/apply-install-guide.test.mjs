import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import {
  addBackendLines,
  addImports,
  blocksFor,
  insertCode,
  mergeYamlText,
  readGuideBlocks,
} from './apply-install-guide.mjs';

const readme = fs.readFileSync(
  new URL('../../README.md', import.meta.url),
  'utf8',
);

test("the README's install guide has the blocks the check applies, in order", () => {
  const blocks = readGuideBlocks(readme);
  const kinds = blocks.map(block => block.kind);
  // the registry setting comes before the install that needs it, and the
  // packages are installed before the code that imports them
  assert.ok(kinds.indexOf('yarnrc') < kinds.indexOf('shell'));
  assert.ok(kinds.indexOf('shell') < kinds.indexOf('backend-index'));
  assert.ok(kinds.includes('app-config'));
  assert.equal(kinds.filter(kind => kind === 'simulator').length, 1);
  const shell = blocks.find(block => block.kind === 'shell').text;
  assert.match(
    shell,
    /yarn --cwd packages\/app add @status-layer\/plugin-status$/m,
  );
  assert.match(shell, /@status-layer\/plugin-status-backend/);
  const backend = blocks.find(block => block.kind === 'backend-index').text;
  assert.match(
    backend,
    /backend\.add\(import\('@status-layer\/plugin-status-backend'\)\);/,
  );
  for (const block of blocks.filter(b => b.kind === 'app-config')) {
    assert.equal(typeof parse(block.text), 'object', block.text);
  }
});

test('a guide block of an unknown kind is an error, not skipped', () => {
  const markdown =
    '## Install into your own Backstage app\n\n<!-- install-check: shel -->\n\n```bash\nyarn add x\n```\n';
  assert.throws(
    () => readGuideBlocks(markdown),
    /unknown install-check block kind "shel"/,
  );
});

test('YAML from the guide merges into an app-config, keeping what is there', () => {
  const appConfig = [
    'app:',
    '  title: Portal # the name in the header',
    '  extensions:',
    '    - page:catalog:',
    '        config:',
    '          path: /',
    '    - page:home:',
    '        config:',
    '          defaultConfig:',
    '            - component: HomePageSearchBar',
    '              row: 0',
    'backend:',
    '  baseUrl: http://localhost:7007',
    '',
  ].join('\n');
  const home = [
    'app:',
    '  extensions:',
    '    - page:home:',
    '        config:',
    '          defaultConfig:',
    '            - component: MyServicesStatus',
    '              row: 13',
  ].join('\n');
  const merged = mergeYamlText(appConfig, home);
  assert.match(merged, /# the name in the header/);
  const config = parse(merged);
  assert.equal(config.app.extensions.length, 2);
  assert.deepEqual(config.app.extensions[1]['page:home'].config.defaultConfig, [
    { component: 'HomePageSearchBar', row: 0 },
    { component: 'MyServicesStatus', row: 13 },
  ]);
  // applying the guide twice changes nothing more
  assert.equal(mergeYamlText(merged, home), merged);

  const status = parse(
    mergeYamlText(
      merged,
      'status:\n  pagerDuty:\n    apiToken: ${PAGERDUTY_API_TOKEN}\n',
    ),
  );
  assert.equal(status.status.pagerDuty.apiToken, '${PAGERDUTY_API_TOKEN}');
  assert.equal(status.backend.baseUrl, 'http://localhost:7007');
});

test('the backend lines go before backend.start(), each once', () => {
  const index = [
    "backend.add(import('@backstage/plugin-signals-backend'));",
    '',
    'backend.start();',
    '',
  ].join('\n');
  const block = [
    "backend.add(import('@backstage/plugin-events-backend'));",
    "backend.add(import('@backstage/plugin-signals-backend'));",
    "backend.add(import('@status-layer/plugin-status-backend'));",
  ].join('\n');
  const result = addBackendLines(index, block);
  assert.equal(result.match(/plugin-signals-backend/g).length, 1);
  assert.ok(
    result.indexOf('@status-layer/plugin-status-backend') <
      result.indexOf('backend.start();'),
  );
  assert.match(result, /plugin-events-backend/);
  assert.equal(addBackendLines(result, block), result);
  assert.throws(
    () => addBackendLines('createBackend();\n', block),
    /backend\.start\(\);/,
  );
});

test('every YAML example in the READMEs and docs parses', () => {
  const files = [
    'README.md',
    ...fs
      .readdirSync(new URL('../../plugins', import.meta.url))
      .map(name => `plugins/${name}/README.md`),
    ...fs
      .readdirSync(new URL('../../docs', import.meta.url))
      .filter(name => name.endsWith('.md'))
      .map(name => `docs/${name}`),
  ].filter(file => fs.existsSync(new URL(`../../${file}`, import.meta.url)));
  let examples = 0;
  for (const file of files) {
    const text = fs.readFileSync(
      new URL(`../../${file}`, import.meta.url),
      'utf8',
    );
    for (const [, yaml] of text.matchAll(/```ya?ml\n([\s\S]*?)\n```/g)) {
      examples += 1;
      assert.doesNotThrow(() => parse(yaml), `${file}:\n${yaml}`);
    }
  }
  assert.ok(examples >= 10, `only ${examples} YAML examples found`);
});

test('YAML in the guide that does not parse fails the merge', () => {
  assert.throws(
    () => mergeYamlText('app: {}\n', 'status:\n  a: { secret: ${X} }\n'),
    /flow/i,
  );
});

test("the guide's legacy section edits the legacy app's App, sidebar and entity page", () => {
  const blocks = readGuideBlocks(readme);
  const legacy = blocksFor(blocks, 'legacy');
  const fresh = blocksFor(blocks, 'new');
  // both apps get the packages, the backend and the configuration
  for (const kind of ['yarnrc', 'shell', 'backend-index', 'simulator']) {
    assert.ok(
      legacy.some(block => block.kind === kind),
      kind,
    );
    assert.ok(
      fresh.some(block => block.kind === kind),
      kind,
    );
  }
  // the home page's extension config is the new system's only
  assert.ok(!legacy.some(block => block.text.includes('MyServicesStatus\n')));
  assert.ok(!fresh.some(block => block.kind.startsWith('tsx')));
  const files = new Set(
    legacy.filter(block => block.file).map(block => block.file),
  );
  assert.deepEqual([...files].sort(), [
    'packages/app/src/App.tsx',
    'packages/app/src/components/Root/Root.tsx',
    'packages/app/src/components/catalog/EntityPage.tsx',
  ]);
  const code = legacy.map(block => block.text).join('\n');
  for (const component of [
    'StatusDashboardPage',
    'MyServicesStatusCard',
    'EntityStatusContent',
    'EntityStatusCard',
    'createStatusCatalogColumn',
    'SidebarItem',
    'isStatusAvailable',
  ]) {
    assert.match(code, new RegExp(component));
  }
});

test('a marker with an unknown attribute or app is an error', () => {
  const guide = marker =>
    `## Install into your own Backstage app\n\n<!-- install-check: ${marker} -->\n\n\`\`\`tsx\nx\n\`\`\`\n`;
  assert.throws(
    () => readGuideBlocks(guide("tsx file=a.tsx befor='x'")),
    /unknown install-check attribute "befor"/,
  );
  assert.throws(
    () => readGuideBlocks(guide('shell app=old')),
    /unknown install-check app "old"/,
  );
  assert.throws(
    () => readGuideBlocks(guide('tsx file=a.tsx')),
    /needs one of before=, after=, replace=/,
  );
});

test('imports go after the last import, each once', () => {
  const source = [
    "import { a } from 'a';",
    'import {',
    '  b,',
    "} from 'b';",
    '',
    'const x = 1;',
    '',
  ].join('\n');
  const block = "import { c } from 'c';\nimport { a } from 'a';";
  const result = addImports(source, block);
  assert.equal(
    result,
    [
      "import { a } from 'a';",
      'import {',
      '  b,',
      "} from 'b';",
      "import { c } from 'c';",
      '',
      'const x = 1;',
      '',
    ].join('\n'),
  );
  assert.equal(addImports(result, block), result);
});

test('code goes before, after or instead of an anchor, in each scope', () => {
  const source = [
    'const one = (',
    '  <Layout>',
    '    {warnings}',
    '    <Route />',
    '  </Layout>',
    ');',
    'const two = (',
    '  <Layout>',
    '    {warnings}',
    '  </Layout>',
    ');',
    '',
  ].join('\n');
  const before = insertCode(source, {
    file: 'EntityPage.tsx',
    position: 'before',
    anchor: '</Layout>',
    scopes: ['const two'],
    text: '<Tab>\n  <Content />\n</Tab>',
  });
  assert.match(
    before,
    /const two = \(\n {2}<Layout>\n {4}\{warnings\}\n {4}<Tab>\n {6}<Content \/>\n {4}<\/Tab>\n {2}<\/Layout>/,
  );
  const after = insertCode(source, {
    file: 'EntityPage.tsx',
    position: 'after',
    anchor: '{warnings}',
    scopes: ['const one', 'const two'],
    text: '<Card />',
  });
  assert.equal(after.match(/\{warnings\}\n {4}<Card \/>/g).length, 2);
  const replaced = insertCode(source, {
    file: 'EntityPage.tsx',
    position: 'replace',
    anchor: '<Route />',
    scopes: [],
    text: '<Route\n  path="/x"\n/>',
  });
  assert.match(replaced, / {4}<Route\n {6}path="\/x"\n {4}\/>/);
  assert.throws(
    () =>
      insertCode(source, {
        file: 'EntityPage.tsx',
        position: 'before',
        anchor: '</Missing>',
        scopes: ['const one'],
        text: 'x',
      }),
    /EntityPage\.tsx has no "<\/Missing>" after "const one"/,
  );
});
