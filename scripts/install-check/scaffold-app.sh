#!/usr/bin/env bash
# Scaffolds a new Backstage 1.55 app, as an adopter has one, with the template
# pinned: @backstage/create-app 0.9.2. The app is on the new frontend system,
# or on the legacy one with --legacy (create-app's own option).
#
# The npm registry on our machines is a partial mirror: the newest
# create-app's @backstage/cli-common needs a release that is missing, and the
# newest @swc/core, rollup, unrs-resolver and @yarnpkg/core lack pieces there,
# so those six are pinned in the new app as they are in this repository's own
# package.json (see "Prerequisites" in the README); keytar, needed only for
# the CLI's login, is not built.
#
# usage: scaffold-app.sh <new folder> [--legacy]   (Node 22 or 24 and yarn on PATH)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"

target=$(realpath -m "${1:?usage: scaffold-app.sh <new folder> [--legacy]}")
shift
template_options=()
case "${1:-}" in
  '') ;;
  --legacy) template_options+=(--legacy) ;;
  *) die "unknown option $1 (usage: scaffold-app.sh <new folder> [--legacy])" ;;
esac
[ ! -e "$target" ] || die "$target exists already"

generator=$STATUS_TOOLS_DIR/create-app-0.9.2
if [ ! -x "$generator/node_modules/.bin/backstage-create-app" ]; then
  log "installing @backstage/create-app 0.9.2 into $generator"
  mkdir -p "$generator"
  cat >"$generator/package.json" <<'JSON'
{
  "name": "status-install-check-generator",
  "private": true,
  "packageManager": "yarn@4.13.0",
  "dependencies": { "@backstage/create-app": "0.9.2" },
  "overrides": { "@backstage/cli-common": "0.3.1" }
}
JSON
  (cd "$generator" && npm install --no-audit --no-fund --loglevel=error) ||
    die "could not install @backstage/create-app 0.9.2"
fi

# create-app checks that yarn runs here (corepack reads packageManager above);
# it installs nothing (--skip-install)
(cd "$generator" && BACKSTAGE_APP_NAME=portal \
  node node_modules/.bin/backstage-create-app --skip-install --path "$target" "${template_options[@]}")

cd "$target"
node -e '
const fs = require("fs");
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
// the same pins as this repository (see the README)
Object.assign((manifest.resolutions ||= {}), {
  "@backstage/cli-common": "0.3.1",
  "@swc/core": "1.16.18",
  rollup: "4.67.4",
  "unrs-resolver": "1.12.2",
  "@yarnpkg/core": "4.9.1",
  "@yarnpkg/cli": "4.18.0",
});
manifest.dependenciesMeta = { ...manifest.dependenciesMeta, keytar: { built: false } };
fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n");
'
# yarn comes from corepack (the packageManager field), not from a copy of
# yarn committed into the app
rm -rf .yarn/releases
sed -i '/^yarnPath:/d' .yarnrc.yml
log "scaffolded $(node -p 'require("./backstage.json").version') app in $target"
