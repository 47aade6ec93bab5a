#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine of this kind (npm packages of the
# node-based tests, the Debian packages aws-lambda-ric builds with), runs every test project of SamTools.sln
# (xunit) and then the Pulumi harness (tsc + Pulumi mocks over the generated programs).
#
#   scripts/test.sh [extra dotnet test arguments]      e.g. scripts/test.sh --filter Category=Snapshot
#   SKIP_SETUP=1 scripts/test.sh                       skip the npm/apt set-up (already done)
#   SKIP_PULUMI=1 scripts/test.sh                      skip the Pulumi harness (about 5 minutes)
#
# Environment: CONFIGURATION (default Release), TEST_VERBOSITY (console logger verbosity, default minimal),
# TEST_LOG (also write the output to this file). The dotnet test output is printed unfiltered; the last line is
# the plain total "N passed, M failed" summed over the test assemblies. Exit status: dotnet test's.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
config="${CONFIGURATION:-Release}"
verbosity="${TEST_VERBOSITY:-minimal}"
log="${TEST_LOG:-$(mktemp)}"

setup() {
  # aws-lambda-ric compiles a native part with these; install them when missing (we are root on these machines).
  local need=()
  for tool in autoconf automake libtoolize cmake make g++; do
    command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
  done
  if [[ ${#need[@]} -gt 0 ]] && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing build tools for aws-lambda-ric (${need[*]})"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq autoconf automake libtool cmake make g++ >/dev/null
  fi
  local dir
  for dir in tests/SamCompiler.Local.Tests/node tests/SamCompiler.Local.Tests/serve-node tests/pulumi; do
    if [[ -f "$dir/package-lock.json" ]]; then
      echo "test.sh: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
}

if [[ -z "${SKIP_SETUP:-}" ]]; then
  setup
fi

status=0
dotnet test SamTools.sln -c "$config" --logger "console;verbosity=$verbosity" "$@" 2>&1 | tee "$log" || status=$?

# "Passed!  - Failed:     0, Passed:    21, Skipped:     0, Total:    21, Duration: ..." (one line per test assembly)
read -r passed failed < <(awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { f += $(i + 1) + 0 }
      if ($i == "Passed:") { p += $(i + 1) + 0 }
    }
  }
  END { print p + 0, f + 0 }' "$log")
# The Pulumi harness: every bundled example and corpus case compiled to Pulumi, type-checked with the real
# @pulumi packages and run under Pulumi's mocks. It counts as one test in the total.
if [[ -z "${SKIP_PULUMI:-}" && -d tests/pulumi/node_modules ]]; then
  pulumi_status=0
  dotnet build tests/pulumi/batch/SamcBatch.csproj -c "$config" -o tests/pulumi/batch/bin/out --nologo -v quiet 2>&1 | tee -a "$log" || pulumi_status=$?
  if [[ $pulumi_status -eq 0 ]]; then
    node tests/pulumi/run.js 2>&1 | tee -a "$log" || pulumi_status=$?
  fi
  if [[ $pulumi_status -eq 0 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    status=1
  fi
fi

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The run failed without a failing test (build error, crashed test host): count it as one failure.
  failed=1
fi
if [[ -n "${TEST_LOG:-}" ]]; then
  echo "$passed passed, $failed failed" | tee -a "$log"
else
  rm -f "$log"
  echo "$passed passed, $failed failed"
fi
exit "$status"
