#!/usr/bin/env bash
# The README's test command: builds and runs every test project of SamTools.sln (xunit, in-process).
#
#   scripts/test.sh [extra dotnet test arguments]      e.g. scripts/test.sh --filter Category=Snapshot
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
