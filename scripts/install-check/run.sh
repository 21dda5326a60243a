#!/usr/bin/env bash
# The install check: proves that the six packages work outside this
# repository, installed the way an adopter installs them, in an app on the
# new frontend system and in one on the legacy frontend system.
#
#  1. builds and packs (`yarn pack`) the six packages, checks the tarballs
#     with publint, and serves them from a local npm registry for the
#     @status-layer scope (both apps install the same tarballs);
#  2. scaffolds two separate Backstage apps from the pinned template
#     (create-app 0.9.2, Backstage 1.55) in a temporary folder: one as the
#     template makes it by default, one with --legacy;
#  3. follows the README's install guide word for word in each
#     (apply-install-guide.mjs applies every block marked for the check; the
#     legacy app gets the blocks of the legacy section instead of the new
#     frontend system's);
#  4. type-checks and builds each app, starts the simulator as the guide says
#     and both apps' backends (each serving its app's production build: the
#     new app on :7007, the legacy one on :7017) against it;
#  5. opens an incident in the simulator and checks both apps in Chromium:
#     the Status tab, the overview cards, the home-page card, the /status
#     dashboard, the Teams card each app posts to the simulator and, in the
#     legacy app, every dashboard tab, the sidebar item,
#     the catalog's Status column and live updates, with no error boundary.
#
# usage: bash scripts/install-check/run.sh   (STATUS_INSTALL_CHECK_KEEP=1 keeps
# the apps and their logs). The Playwright report goes to
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
log "install check: building and packing the six packages"
# the packages' type declarations are built from tsc's output
yarn tsc
for package in status-common status-node status-backend status catalog-backend-module-status notifications-backend-module-msteams; do
  (cd "plugins/$package" && yarn build && yarn pack --out "$packs/%s-%v.tgz") >"$logs/pack-$package.log" 2>&1 ||
    die "packing plugins/$package failed: $(tail -n 30 "$logs/pack-$package.log")"
done
registry_port=$(free_port)
start_server registry node "$CHECK_DIR/registry.mjs" "$packs" "$registry_port"
wait_for_url "http://localhost:$registry_port/@status-layer%2fplugin-status" registry 30
# the tarballs as a registry would publish them: publint finds what breaks an
# adopter's bundler or type check (exports, types, files); errors fail the check
for tarball in "$packs"/*.tgz; do
  yarn publint run "$tarball" >"$logs/publint-$(basename "$tarball" .tgz).log" 2>&1 ||
    die "publint found problems in $(basename "$tarball"): $(cat "$logs/publint-$(basename "$tarball" .tgz).log")"
done
phase "pack"

# ── 2.-4. two separate apps from the pinned template, the guide, a build ───
# Scaffolds an app (new or legacy frontend system) into $work/<name>, follows
# the install guide in it, and type-checks and builds it.
prepare_app() {
  local name=$1 frontend=$2 port=$3 dir=$work/$1
  local options=()
  [ "$frontend" = legacy ] && options+=(--legacy)
  log "install check: scaffolding a Backstage 1.55 app ($frontend frontend system) in $dir"
  bash "$CHECK_DIR/scaffold-app.sh" "$dir" "${options[@]}" >"$logs/scaffold-$name.log" 2>&1 ||
    die "scaffolding the app ($frontend frontend system) failed: $(tail -n 30 "$logs/scaffold-$name.log")"
  # what publishing would do: the scope resolves from the registry that serves
  # the tarballs (yarn allows plain http only for hosts it is told to)
  cat >>"$dir/.yarnrc.yml" <<YAML
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
  cp "$STATUS_REPO_ROOT/yarn.lock" "$dir/yarn.lock"
  if [ "$frontend" = legacy ]; then
    # the legacy template has plugins this repository does not use
    # (scaffolder, techdocs, kubernetes...), which the seed does not cover
    node "$CHECK_DIR/pin-release.mjs" "$STATUS_REPO_ROOT/yarn.lock" "$dir" >>"$logs/scaffold-$name.log"
  fi
  phase "scaffold ($name)"

  log "install check: following the install guide ($frontend frontend system)"
  node "$CHECK_DIR/apply-install-guide.mjs" "$STATUS_REPO_ROOT/README.md" "$dir" --frontend "$frontend" >"$logs/guide-$name.log" 2>&1 ||
    die "following the install guide ($frontend frontend system) failed: $(tail -n 40 "$logs/guide-$name.log")"
  phase "install guide ($name)"

  # the check's own set-up, not the guide's: the demo organisation as the
  # app's catalog, a signed-in user of it, secrets, and the production build
  # served by the backend on its port
  cp -r "$STATUS_REPO_ROOT/examples" "$dir/examples/status-demo"
  # app-config.local.yaml: read after app-config.yaml by `yarn start`
  sed "s/7007/$port/g" "$CHECK_DIR/app-config.check.yaml" >"$dir/app-config.local.yaml"

  log "install check: type check and build of the app ($frontend frontend system)"
  (cd "$dir" && yarn tsc && yarn build:all) >"$logs/build-$name.log" 2>&1 ||
    die "building the app ($frontend frontend system) failed: $(tail -n 60 "$logs/build-$name.log")"
  phase "build ($name)"
}

prepare_app app new 7007
prepare_app legacy-app legacy 7017

# ── 4. start the simulator and both apps ────────────────────────────────────
simulator_command=$(node "$CHECK_DIR/apply-install-guide.mjs" "$STATUS_REPO_ROOT/README.md" --print simulator)
# the guide's command, with the app's entities for its placeholder path
simulator_command=${simulator_command//\/path\/to\/your-app\/examples\/entities.yaml/$app/examples/status-demo/catalog.yaml}
log "install check: $simulator_command"
start_server simulator bash -c "cd '$STATUS_REPO_ROOT' && exec $simulator_command"
wait_for_url "http://localhost:7008/" simulator 60

export PAGERDUTY_API_TOKEN=simulator-token
STATUS_ENCRYPTION_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')
STATUS_ALERTMANAGER_SECRET=$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
STATUS_DATADOG_SECRET=$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
export STATUS_ENCRYPTION_KEY STATUS_ALERTMANAGER_SECRET STATUS_DATADOG_SECRET
# each backend as `yarn start` runs it, serving its app's production build
start_server backend bash -c "cd '$app' && exec yarn start backend"
wait_for_url "http://localhost:7007/.backstage/health/v1/readiness" backend 180
start_server backend-legacy bash -c "cd '$work/legacy-app' && exec yarn start backend"
wait_for_url "http://localhost:7017/.backstage/health/v1/readiness" backend-legacy 180
phase "start"

# ── 5. an incident, and what the pages show ─────────────────────────────────
(cd "$STATUS_REPO_ROOT" && yarn demo trigger auth-service --urgency high --title "Sign-in fails for every user") >>"$logs/simulator.log" 2>&1 ||
  die "could not open an incident in the simulator"
e2e_status=0
(cd "$STATUS_REPO_ROOT" && yarn playwright test -c scripts/install-check/playwright.config.ts) || e2e_status=$?
phase "end-to-end check"

if [ "$e2e_status" -ne 0 ]; then
  for name in backend backend-legacy; do
    log "$name log (last lines):"
    tail -n 80 "$logs/$name.log" >&2 || true
  done
fi
log "install check times: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g'); total $((SECONDS - started)) s"
exit "$e2e_status"
