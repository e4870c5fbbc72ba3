#!/usr/bin/env bash
# make bench-peers: Tessera against the tools a quant would otherwise use, on the same inputs, in the same run,
# back to back per row (issue 18). Installs the peers when missing, exports the inputs through Tessera's importer,
# runs each row's Tessera side then its peer, checks agreement and prints ratios; writes
# bench/peers/results/peers-CORES-STAMP.json.
#   bench/peers/run.sh [one|both|all]   one = pinned to core 0 (taskset -c 0), both = unpinned, all (default) = one then both
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode="${1:-all}"
work="$here/results/work"
export TESSERA_PEERS_DIR="$work"
mkdir -p "$work"
py=/usr/bin/python3   # Debian's python3 (the apt packages below install into it, not into a pyenv/venv python)

# The shared data file (beside the repository); skipped visibly when absent.
data="${TESSERA_SHARED_DATA:-$root/../shared/data}/sp500-daily-2013-2018.csv.gz"
if [[ ! -f "$data" ]]; then
  echo "bench-peers: SKIPPED: $data not found (the peer benchmarks need the S&P 500 daily set)"
  exit 0
fi

# --- peers: install what is missing (Debian packages need root; otherwise say what to install and skip that peer)
apt_pkgs=(python3-numpy python3-scipy python3-sklearn python3-cvxopt libopenblas0-pthread r-cran-ttr)
missing=()
for p in "${apt_pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    echo "bench-peers: installing ${missing[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null \
      || echo "bench-peers: apt-get install failed; the rows whose peer is missing are skipped"
  else
    echo "bench-peers: not root: install with 'sudo apt-get install ${missing[*]}'; rows whose peer is missing are skipped"
  fi
fi
have_py=0; "$py" -c 'import numpy, scipy, sklearn, cvxopt' 2>/dev/null && have_py=1
have_r=0; command -v Rscript >/dev/null && Rscript -e 'suppressPackageStartupMessages(library(TTR))' >/dev/null 2>&1 && have_r=1
have_node=0
if command -v node >/dev/null && command -v npm >/dev/null; then
  # trading-signals lives in its own package.json/lock here, apart from the root package.json.
  [[ -d "$here/node/node_modules/trading-signals" ]] || (cd "$here/node" && npm ci --no-audit --no-fund >/dev/null)
  [[ -d "$here/node/node_modules/trading-signals" ]] && have_node=1
fi
((have_py)) || echo "bench-peers: SKIPPING the Python peers (numpy/scipy/scikit-learn/cvxopt not importable by $py)"
((have_r)) || echo "bench-peers: SKIPPING the TTR peer (Rscript with TTR not found)"
((have_node)) || echo "bench-peers: SKIPPING the trading-signals peer (node/npm not found or npm ci failed)"
if ! ((have_py)); then echo "bench-peers: the comparison needs $py with numpy; stopping"; exit 1; fi

# --- Tessera side: build once, Release
dotnet build "$root/bench/Tessera.Bench" -c Release --nologo -v q >/dev/null || { echo "bench-peers: build failed"; exit 1; }
bench=(dotnet "$root/bench/Tessera.Bench/bin/Release/net10.0/Tessera.Bench.dll")

run_mode() { # $1 = one|both
  local label="$1" pin=()
  [[ "$label" == one ]] && pin=(taskset -c 0)
  rm -f "$work"/tessera-* "$work"/peer-* "$work"/load-*
  local stamp; stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  local commit; commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src bench || echo '+dirty')"
  "${pin[@]}" "${bench[@]}" peers-export | grep -v '^machine' || return 1
  "$py" - "$work/meta.json" "$label" "$commit" "$stamp" "$data" "${pin[*]:-none}" <<'PY'
import json, os, subprocess, sys
out, label, commit, stamp, data, pin = sys.argv[1:7]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
json.dump({"when_utc": stamp, "commit": commit, "nproc": os.cpu_count(), "cpu_model": cpu, "pinning": pin,
           "data": os.path.basename(data) + " (lenient import; bars of every symbol; returns of the symbols present on every date)",
           "command": "make bench-peers (bench/peers/run.sh " + label + ")",
           "uptime_at_start": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}, open(out, "w"), indent=2)
PY
  echo "== rows, $label core(s) (${pin[*]:-unpinned}); load before each row in results"
  row() { # $1 = row name, then the peer commands (each may be empty)
    local r="$1"; shift
    uptime | sed 's/.*load average: //' > "$work/load-$r.txt"
    "${pin[@]}" "${bench[@]}" "peers-$r" | grep -E '^  ' | grep -v 'wall time'
    while (($#)); do
      local cmd="$1"; shift
      [[ -n "$cmd" ]] && eval "${pin[*]} $cmd"
    done
  }
  local node_cmd="" r_cmd="" py_ok=""
  ((have_node)) && node_cmd="node '$here/node/indicators.mjs' '$work'"
  ((have_r)) && r_cmd="Rscript '$here/indicators.R' '$work'"
  row indicators "$node_cmd" "$r_cmd"
  for r in lw minvar hrp total; do row "$r" "'$py' '$here/portfolio_peers.py' '$work' $r"; done
  "$py" "$here/compare.py" "$work" "$label" "$here/results/peers-$label-$stamp.json"
}

status=0
case "$mode" in
  one) run_mode one || status=$? ;;
  both) run_mode both || status=$? ;;
  all) run_mode one || status=$?; run_mode both || status=$? ;;
  *) echo "usage: bench/peers/run.sh [one|both|all]"; exit 2 ;;
esac
echo "(backtrader rows of issue 18 are not re-measured: backtrader is not installable here; they stay as measured in the issue)"
exit $status
