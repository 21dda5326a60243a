// Holds a scaffolded app to one Backstage release, as create-app's lockfile
// seed would: offline that seed cannot be fetched, and the registry's newest
// releases, which a caret range takes, depend on newer core packages (a
// second @backstage/core-plugin-api, catalog-react 4 beside 3...), so one app
// would mix two Backstage releases.
//
// Each @backstage package of the app's package.json files is pinned to the
// version the template wrote (its caret range's version), and every
// @backstage package of this repository's lockfile (resolved for the same
// release) is pinned, through `resolutions`, to the one version locked there.
// Resolutions the app has already (the mirror's pins) stay.
//
// usage: node pin-release.mjs <repository yarn.lock> <app folder>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The @backstage packages a yarn lockfile locks to exactly one version. */
export function lockedBackstageVersions(lockText) {
  const versions = new Map();
  const pattern = /^"?(@backstage\/[^@\s"]+)@[^\n]*:\n {2}version: ([^\s]+)$/gm;
  for (const [, name, version] of lockText.matchAll(pattern)) {
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name).add(version);
  }
  return new Map(
    [...versions]
      .filter(([, found]) => found.size === 1)
      .map(([name, found]) => [name, [...found][0]]),
  );
}

/** The @backstage dependencies of a manifest, each at its range's version. */
export function templateVersions(manifest) {
  const versions = new Map();
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const version = /^[\^~]?(\d+\.\d+\.\d+)$/.exec(range)?.[1];
      if (name.startsWith('@backstage/') && version) {
        versions.set(name, version);
      }
    }
  }
  return versions;
}

/** The resolutions that hold an app to the release, keeping its own. */
export function releaseResolutions(existing, template, locked) {
  const pins = {
    ...Object.fromEntries(template),
    ...Object.fromEntries(locked),
  };
  return { ...pins, ...existing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [lockFile, appDir] = process.argv.slice(2);
  if (!lockFile || !appDir) {
    console.error('usage: pin-release.mjs <yarn.lock> <app folder>');
    process.exit(2);
  }
  const template = new Map();
  const manifests = [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ];
  for (const file of manifests) {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(appDir, file), 'utf8'),
    );
    for (const [name, version] of templateVersions(manifest)) {
      template.set(name, version);
    }
  }
  const rootFile = path.join(appDir, 'package.json');
  const root = JSON.parse(fs.readFileSync(rootFile, 'utf8'));
  root.resolutions = releaseResolutions(
    root.resolutions ?? {},
    template,
    lockedBackstageVersions(fs.readFileSync(lockFile, 'utf8')),
  );
  fs.writeFileSync(rootFile, `${JSON.stringify(root, null, 2)}\n`);
  console.log(
    `pinned ${Object.keys(root.resolutions).length} packages to the release`,
  );
}
