#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite: type check, lint,
# prettier, every package's unit tests (database tests on SQLite and on a
# throwaway PostgreSQL), the end-to-end tests in Debian's Chromium, and the
# install check (the packages installed into a newly scaffolded app).
# Every step runs even when an earlier one fails; the exit code is non-zero
# if any failed; the end names the flaky end-to-end tests (passed only on a
# retry) and the last line sums the tests: "N passed, N failed, N skipped,
# N flaky".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

run_start=$SECONDS
install_dependencies
ensure_chromium
install_seconds=$((SECONDS - run_start))
start_test_postgres
trap stop_test_postgres EXIT
# the database tests fail rather than quietly skip PostgreSQL
export STATUS_TEST_REQUIRE_POSTGRES=1

cd "$STATUS_REPO_ROOT"
REPORTS=$STATUS_REPO_ROOT/e2e-test-report
mkdir -p "$REPORTS"
rm -f "$REPORTS/unit.json" "$REPORTS/results.json" "$REPORTS/install-check.json"

failed_steps=()
timings=("install: ${install_seconds} s")
step() {
  local name=$1
  shift
  local start=$SECONDS
  log "── $name: $*"
  if "$@"; then
    log "── $name passed in $((SECONDS - start)) s"
  else
    log "── $name FAILED after $((SECONDS - start)) s"
    failed_steps+=("$name")
  fi
  timings+=("$name: $((SECONDS - start)) s")
}

step "type check" yarn tsc
# every change to a published package's public API shows in its report.api.md
step "api reports" node scripts/api-reports.mjs --check
step "lint" yarn lint:all
step "prettier" yarn prettier:check
step "script tests" node --test scripts/summarise-tests.test.mjs scripts/check-folder-cycles.test.mjs scripts/install-check/apply-install-guide.test.mjs
# CI=true: one run of Jest, no watch mode; --verbose names each test, so the
# log shows the database tests running on PostgreSQL and on SQLite
step "unit tests" env CI=true yarn test --verbose --json --outputFile="$REPORTS/unit.json"
step "end-to-end tests" yarn test:e2e
# the packages packed, installed into a newly scaffolded Backstage app by
# following the README's install guide, and checked there in Chromium
step "install check" bash scripts/install-check/run.sh

stop_test_postgres
log "times: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g'); total $((SECONDS - run_start)) s"
if [ ${#failed_steps[@]} -gt 0 ]; then
  log "failed steps: ${failed_steps[*]}"
fi
node scripts/summarise-tests.mjs "$REPORTS/unit.json" "$REPORTS/results.json" "$REPORTS/install-check.json" | tee "$REPORTS/summary.txt"
summary_status=${PIPESTATUS[0]}
[ ${#failed_steps[@]} -eq 0 ] && [ "$summary_status" -eq 0 ]
