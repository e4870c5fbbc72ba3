#!/usr/bin/env bash
# Builds the whole solution (domain, hosts, the Azure Functions app, tests, benchmarks; warnings are errors), runs
# every test project (unit + integration on Azurite, which the tests start on free loopback ports), prints the time
# each test project took, and ends with one summary line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh

# The dashboard's browser tests drive Debian's chromium (Playwright's own browser download is not used). Installed here
# when missing and we may (root with apt-get); otherwise those tests are skipped with a notice naming what to install.
if [ ! -x /usr/bin/chromium ] && [ -z "${TESSERA_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium for the dashboard's browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "note: chromium could not be installed; the dashboard's browser tests will be skipped"
  else
    echo "note: /usr/bin/chromium is missing and this user cannot install it (sudo apt-get install chromium); the dashboard's browser tests will be skipped"
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet build FunctionApp.sln --nologo -v q 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test FunctionApp.sln --no-build --nologo -v q 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
fi
set -e

# dotnet test prints one line per test assembly:
# "Passed!  - Failed: 0, Passed: 11, Skipped: 0, Total: 11, Duration: 2 s - Tessera.Core.Tests.dll (net10.0)"
read -r passed failed skipped < <(awk '
  /Failed:[ ]*[0-9]+, Passed:[ ]*[0-9]+, Skipped:[ ]*[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
echo "Time per test project:"
sed -n 's/.*Duration: \([^-]*\) - \([^ ]*\)\.dll.*/  \2: \1/p' "$log"
if [ ! -d ../shared/data ] && [ -z "${TESSERA_SHARED_DATA:-}" ]; then
  echo "note: ../shared/data is not present, so the $skipped test(s) that need real market data were skipped (the data is not shipped with Tessera)"
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet build/test exited with $status (build error?)" >&2
fi
exit "$status"
