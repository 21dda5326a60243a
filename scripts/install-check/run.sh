#!/usr/bin/env bash
# The install check: proves that the four packages work outside this
# repository, installed the way an adopter installs them.
#
#  1. builds and packs (`yarn pack`) the four packages, and serves the
#     tarballs from a local npm registry for the @status-layer scope;
#  2. scaffolds a separate Backstage app from the pinned template
#     (create-app 0.9.2, Backstage 1.55) in a temporary folder;
#  3. follows the README's install guide word for word
#     (apply-install-guide.mjs applies every block marked for the check);
#  4. type-checks and builds the app, starts the simulator as the guide says
#     and the app's backend (serving the app's production build) against it;
#  5. opens an incident in the simulator and checks, in Chromium, the Status
#     tab, the overview card, the home-page card and the /status dashboard.
#
# usage: bash scripts/install-check/run.sh   (STATUS_INSTALL_CHECK_KEEP=1 keeps
# the app and its logs). The Playwright report goes to
# e2e-test-report/install-check.json; the last lines give the times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"

CHECK_DIR=$STATUS_REPO_ROOT/scripts/install-check
started=$SECONDS
timings=()
phase_start=$SECONDS
phase() {
  timings+=("$1: $((SECONDS - phase_start)) s")
  phase_start=$SECONDS
}

ensure_node
ensure_yarn
ensure_chromium

work=$(mktemp -d /tmp/status-install-check.XXXXXX)
app=$work/app
packs=$work/packs
logs=$work/logs
mkdir -p "$packs" "$logs"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    # each server runs in its own process group (set -m below); stop all of it
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${STATUS_INSTALL_CHECK_KEEP:-}" ]; then
    log "kept the app and its logs in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
# the adopter installs on a workstation: yarn may write the app's lockfile
export YARN_ENABLE_IMMUTABLE_INSTALLS=false

# Starts a command in the background in its own process group, logging to
# $logs/<name>.log; its PID is kept so the servers stop with the check.
start_server() {
  local name=$1
  shift
  set -m
  "$@" >"$logs/$name.log" 2>&1 &
  set +m
  pids+=($!)
}

# Waits until a URL answers (any HTTP status below 500) while the server
# started last is alive; fails with the end of its log otherwise.
wait_for_url() {
  local url=$1 name=$2 seconds=$3 pid=${pids[-1]}
  if ! node -e '
    const [url, seconds, pid] = process.argv.slice(1);
    const deadline = Date.now() + Number(seconds) * 1000;
    const alive = () => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    };
    (async () => {
      for (;;) {
        try {
          const response = await fetch(url);
          if (response.status < 500) process.exit(0);
        } catch {}
        if (Date.now() > deadline || !alive()) process.exit(1);
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    })();' "$url" "$seconds" "$pid"; then
    tail -n 60 "$logs/$name.log" >&2 || true
    die "$name did not answer at $url within $seconds s"
  fi
}

# ── 1. the packages, packed as they would be published ──────────────────────
cd "$STATUS_REPO_ROOT"
log "install check: building and packing the four packages"
# the packages' type declarations are built from tsc's output
yarn tsc
for package in status-common status-node status-backend status; do
  (cd "plugins/$package" && yarn build && yarn pack --out "$packs/%s-%v.tgz") >"$logs/pack-$package.log" 2>&1 ||
    die "packing plugins/$package failed: $(tail -n 30 "$logs/pack-$package.log")"
done
registry_port=$(free_port)
start_server registry node "$CHECK_DIR/registry.mjs" "$packs" "$registry_port"
wait_for_url "http://localhost:$registry_port/@status-layer%2fplugin-status" registry 30
phase "pack"

# ── 2. a separate app from the pinned template ──────────────────────────────
log "install check: scaffolding a Backstage 1.55 app in $app"
bash "$CHECK_DIR/scaffold-app.sh" "$app" >"$logs/scaffold.log" 2>&1 ||
  die "scaffolding failed: $(tail -n 30 "$logs/scaffold.log")"
# what publishing would do: the scope resolves from the registry that serves
# the tarballs (yarn allows plain http only for hosts it is told to)
cat >>"$app/.yarnrc.yml" <<YAML
npmScopes:
  status-layer:
    npmRegistryServer: http://localhost:$registry_port
unsafeHttpWhitelist:
  - localhost
YAML
# create-app seeds a new app's yarn.lock with the release's versions, fetched
# from the Backstage repository; offline that fails, and the app would take
# the mirror's newest releases, which mix Backstage versions (a newer
# plugin-signals-backend calls a router method backend-defaults 0.18 lacks,
# and the backend does not start). Seed it from this repository's lockfile,
# resolved for the same release, 1.55.0, as an adopter's app has its own.
cp "$STATUS_REPO_ROOT/yarn.lock" "$app/yarn.lock"
phase "scaffold"

# ── 3. the install guide, word for word ─────────────────────────────────────
log "install check: following the install guide"
node "$CHECK_DIR/apply-install-guide.mjs" "$STATUS_REPO_ROOT/README.md" "$app" 2>&1 | tee "$logs/guide.log" ||
  die "following the install guide failed"
phase "install guide"

# the check's own set-up, not the guide's: the demo organisation as the app's
# catalog, a signed-in user of it, secrets, and the production build served by
# the backend on :7007
cp -r "$STATUS_REPO_ROOT/examples" "$app/examples/status-demo"
# app-config.local.yaml: read after app-config.yaml by `yarn start`
cp "$CHECK_DIR/app-config.check.yaml" "$app/app-config.local.yaml"

# ── 4. build the app, start the simulator and the app ───────────────────────
log "install check: type check and build of the app"
(cd "$app" && yarn tsc && yarn build:all) >"$logs/build.log" 2>&1 ||
  die "building the app failed: $(tail -n 60 "$logs/build.log")"
phase "build"

simulator_command=$(node "$CHECK_DIR/apply-install-guide.mjs" "$STATUS_REPO_ROOT/README.md" --print simulator)
# the guide's command, with the app's catalog for its placeholder path
simulator_command=${simulator_command//\/path\/to\/your-app\/catalog-info.yaml/$app/examples/status-demo/catalog.yaml}
log "install check: $simulator_command"
start_server simulator bash -c "cd '$STATUS_REPO_ROOT' && exec $simulator_command"
wait_for_url "http://localhost:7008/" simulator 60

export PAGERDUTY_API_TOKEN=simulator-token
STATUS_ENCRYPTION_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')
STATUS_ALERTMANAGER_SECRET=$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
STATUS_DATADOG_SECRET=$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
export STATUS_ENCRYPTION_KEY STATUS_ALERTMANAGER_SECRET STATUS_DATADOG_SECRET
# the backend as `yarn start` runs it, serving the app's production build
start_server backend bash -c "cd '$app' && exec yarn start backend"
wait_for_url "http://localhost:7007/.backstage/health/v1/readiness" backend 180
phase "start"

# ── 5. an incident, and what the pages show ─────────────────────────────────
(cd "$STATUS_REPO_ROOT" && yarn demo trigger auth-service --urgency high --title "Sign-in fails for every user") >>"$logs/simulator.log" 2>&1 ||
  die "could not open an incident in the simulator"
e2e_status=0
(cd "$STATUS_REPO_ROOT" && yarn playwright test -c scripts/install-check/playwright.config.ts) || e2e_status=$?
phase "end-to-end check"

if [ "$e2e_status" -ne 0 ]; then
  log "backend log (last lines):"
  tail -n 80 "$logs/backend.log" >&2 || true
fi
log "install check times: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g'); total $((SECONDS - started)) s"
exit "$e2e_status"
