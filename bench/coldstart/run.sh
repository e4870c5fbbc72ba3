#!/usr/bin/env bash
# Cold path of `tessera backtest` (CSV in): process start to first output and to exit, median of N new processes,
# for the CLI as built (framework-dependent, JIT) and for runtime settings that could shorten start-up: TieredPGO off,
# TieredCompilation off, and a ReadyToRun publish. Writes bench/coldstart/results/coldstart-STAMP.json.
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
echo "== coldstart: tessera ${args[*]} (median of $n new processes; commit $(git -C "$root" rev-parse --short HEAD))"
"$py" "$here/measure.py" "$out" "as built (JIT, tiered, PGO default)" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TieredPGO=0 "$py" "$here/measure.py" "$out" "TieredPGO off" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TieredCompilation=0 "$py" "$here/measure.py" "$out" "TieredCompilation off" "$n" -- dotnet "$dll" "${args[@]}"
DOTNET_TC_QuickJitForLoops=0 "$py" "$here/measure.py" "$out" "QuickJitForLoops off" "$n" -- dotnet "$dll" "${args[@]}"
r2r="$here/results/work/r2r"
if dotnet publish "$root/local/Tessera.Local" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$r2r" --nologo -v q >/dev/null 2>"$here/results/work-r2r.log"; then
  "$py" "$here/measure.py" "$out" "ReadyToRun publish (linux-x64)" "$n" -- dotnet "$r2r/tessera.dll" "${args[@]}"
else
  echo "  ReadyToRun publish failed (see $here/results/work-r2r.log); not measured"
fi
echo "  results: $out"
