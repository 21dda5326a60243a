#!/usr/bin/env bash
# `yarn chaos`: the reliability campaign against status backend processes, a
# throwaway PostgreSQL cluster this script owns (so a scenario may restart
# it) and the PagerDuty simulator with faults. Prints a table; exits non-zero
# when a scenario does not hold.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_node
ensure_yarn
# never the machine's shared PostgreSQL: a scenario restarts this one
unset "${!BACKSTAGE_TEST_DATABASE_POSTGRES@}"
start_test_postgres
trap stop_test_postgres EXIT
export STATUS_CHAOS_POSTGRES
STATUS_CHAOS_POSTGRES=$(env | sed -n 's/^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING=//p' | head -n1)
export STATUS_CHAOS_PG_DIR=$STATUS_TEST_PG_DIR
export STATUS_CHAOS_PG_CTL=$STATUS_TEST_PG_BIN/pg_ctl
if [ "$(id -u)" -eq 0 ]; then export STATUS_CHAOS_PG_RUNAS=postgres; fi
cd "$STATUS_REPO_ROOT"
node --require @backstage/cli-node/config/nodeTransform.cjs plugins/status-backend/chaos/run.ts
