// A read-only npm registry for the packed tarballs of our packages, so the
// install check can run the install guide's `yarn add @status-layer/...` lines
// as written, exactly as an adopter does once the packages are published.
// Only the scope's packages are served; everything else keeps coming from the
// machine's registry (the app's .yarnrc.yml routes the scope here).
//
// usage: node registry.mjs <folder with *.tgz> <port>
// Prints "listening on http://localhost:<port>" once it accepts requests.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [folder, portText] = process.argv.slice(2);
if (!folder || !portText) {
  console.error('usage: node registry.mjs <folder with *.tgz> <port>');
  process.exit(2);
}
const port = Number(portText);
const origin = `http://localhost:${port}`;

/** name -> { versions: { version -> manifest }, time: { version -> ISO } } */
const packuments = new Map();
/** tarball URL path -> absolute file */
const tarballs = new Map();

for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.tgz'))) {
  const absolute = path.resolve(folder, file);
  const bytes = fs.readFileSync(absolute);
  // the packed package.json, as `yarn pack` rewrote it (publishConfig applied,
  // workspace: ranges replaced by versions)
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', absolute, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const urlPath = `/${manifest.name}/-/${file}`;
  tarballs.set(urlPath, absolute);
  const entry = packuments.get(manifest.name) ?? { versions: {}, time: {} };
  entry.versions[manifest.version] = {
    ...manifest,
    _id: `${manifest.name}@${manifest.version}`,
    dist: {
      tarball: `${origin}${urlPath}`,
      shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
      integrity: `sha512-${crypto
        .createHash('sha512')
        .update(bytes)
        .digest('base64')}`,
    },
  };
  // the truth: these versions were published just now (yarn's minimal-age
  // gate sees them as new, as it would a fresh release)
  entry.time[manifest.version] = fs.statSync(absolute).mtime.toISOString();
  packuments.set(manifest.name, entry);
}
if (packuments.size === 0) {
  console.error(`no .tgz files in ${folder}`);
  process.exit(2);
}

function latest(versions) {
  return Object.keys(versions).sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )[Object.keys(versions).length - 1];
}

const server = http.createServer((req, res) => {
  const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const tarball = tarballs.get(url);
  if (tarball) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    fs.createReadStream(tarball).pipe(res);
    return;
  }
  const entry = packuments.get(url.slice(1));
  if (!entry) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Not found' }));
    return;
  }
  const name = url.slice(1);
  const times = Object.values(entry.time).sort();
  const body = {
    _id: name,
    name,
    'dist-tags': { latest: latest(entry.versions) },
    versions: entry.versions,
    time: {
      created: times[0],
      modified: times[times.length - 1],
      ...entry.time,
    },
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});

server.listen(port, '127.0.0.1', () => {
  console.log(
    `listening on ${origin}: ${[...packuments.keys()].sort().join(', ')}`,
  );
});
