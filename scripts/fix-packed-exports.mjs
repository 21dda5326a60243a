// Runs after `backstage-cli package prepack` (see each package's "prepack"
// script) and fixes two things in the packed package.json's `exports` that
// break resolution and that publint reports as errors:
//
// - `types` goes first in each entry's conditions. The CLI writes it after
//   `import` and `require`, where TypeScript, which takes the first condition
//   that matches, never reaches it under "moduleResolution": "bundler" or
//   "node16".
// - the `backstage` condition goes: its value (e.g. "@backstage/BackendFeature")
//   is not a path, so a resolver that is given that condition fails. The same
//   fact stays in `backstage.features`, where Backstage's tools read it.
//
// `postpack` restores the package.json as it was.
//
// usage (in a package folder): node ../../scripts/fix-packed-exports.mjs
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The exports with `types` first and without `backstage`, nested too. */
export function fixExports(exports) {
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) {
    return exports;
  }
  const entries = Object.entries(exports)
    .filter(([key]) => key !== 'backstage')
    .map(([key, value]) => [key, fixExports(value)]);
  return Object.fromEntries([
    ...entries.filter(([key]) => key === 'types'),
    ...entries.filter(([key]) => key !== 'types'),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = 'package.json';
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (manifest.exports) {
    manifest.exports = fixExports(manifest.exports);
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}
