#!/usr/bin/env bash
# Installs what is needed and starts the portal with the demo organisation:
# frontend on http://localhost:3000, backend on http://localhost:7007.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_dependencies
mkdir -p "$STATUS_REPO_ROOT/.data"
cd "$STATUS_REPO_ROOT"
log "starting the portal on http://localhost:3000 (backend on :7007); Ctrl-C stops it"
exec yarn start "$@"
