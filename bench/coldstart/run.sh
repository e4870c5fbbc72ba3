#!/usr/bin/env bash
# Cold path of `tessera backtest` (CSV in): process start to first output and to exit, and the process's CPU time,
# median of N new processes, for the CLI as built (framework-dependent, JIT), runtime settings that could shorten
# start-up (TieredPGO off, TieredCompilation off, QuickJitForLoops off), the ReadyToRun publish with and without
# TieredPGO and with a 64 MiB gen-0 budget, and the adopted setting: `./tessera` itself (ReadyToRun publish, TieredPGO
# off and the 64 MiB gen-0 budget for short commands; the launcher's own start and freshness check included). Writes bench/coldstart/results/coldstart-STAMP.json.
#   bench/coldstart/run.sh [REPEATS]   (default 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-5}"
data="${TESSERA_SHARED_DATA:-$root/../shared/data}/sp500-daily-2013-2018.csv.gz"
[[ -f "$data" ]] || { echo "coldstart: SKIPPED: $data not found"; exit 0; }
py=/usr/bin/python3
mkdir -p "$here/results"
out="$here/results/coldstart-$(date -u +%Y%m%dT%H%M%SZ).json"
args=(backtest --csv "$data" --strategy connors-rsi2)
dotnet build "$root/local/Tessera.Local" -c Release --nologo -v q >/dev/null
dll="$root/local/Tessera.Local/bin/Release/net10.0/tessera.dll"
export TESSERA_LOCAL_DIR="${TESSERA_LOCAL_DIR:-$root/.local}"
"$root/tessera" version >/dev/null   # builds the launcher's CLI (the ReadyToRun publish where the platform has one)
r2r="$(ls -d "$root"/local/Tessera.Local/bin/r2r/*/tessera.dll 2>/dev/null | head -1 || true)"
unset DOTNET_TieredPGO DOTNET_TieredCompilation DOTNET_TC_QuickJitForLoops DOTNET_GCgen0size
echo "== coldstart: tessera ${args[*]} (median of $n new processes; commit $(git -C "$root" rev-parse --short HEAD))"
"$py" "$here/measure.py" "$out" "as built (JIT, tiered, PGO default)" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TieredPGO=0 "$py" "$here/measure.py" "$out" "TieredPGO off" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TieredCompilation=0 "$py" "$here/measure.py" "$out" "TieredCompilation off" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TC_QuickJitForLoops=0 "$py" "$here/measure.py" "$out" "QuickJitForLoops off" "$n" -- dotnet "$dll" "${args[@]}"
if [[ -n "$r2r" ]]; then
  DOTNET_TieredPGO=1 "$py" "$here/measure.py" "$out" "ReadyToRun publish (PGO default)" "$n" -- dotnet "$r2r" "${args[@]}"
  DOTNET_TieredPGO=0 "$py" "$here/measure.py" "$out" "ReadyToRun publish, TieredPGO off" "$n" -- dotnet "$r2r" "${args[@]}"
  DOTNET_TieredPGO=0 DOTNET_GCgen0size=0x4000000 "$py" "$here/measure.py" "$out" "ReadyToRun publish, TieredPGO off, gen0 64 MiB" "$n" -- dotnet "$r2r" "${args[@]}"
else
  echo "  no ReadyToRun publish for this platform (see ./tessera); ReadyToRun settings not measured"
fi
"$py" "$here/measure.py" "$out" "tessera launcher (adopted)" "$n" -- "$root/tessera" "${args[@]}"
echo "  results: $out"
