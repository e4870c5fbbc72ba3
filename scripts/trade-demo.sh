#!/usr/bin/env bash
# The order path end to end on the local exchange (make trade-demo, docs/TRADING.md): starts the local exchange on
# the demo market (260 sessions of AAA..DDD, clock at 2024-03-13 10:30 New York), then runs, as a user would:
# preflight, one market scan (decide -> gates -> IOC orders at ask x 1.001 -> fills), the orders, the audit-ledger
# verification and a reconciliation; stops the exchange. Uses the embedded storage under $TESSERA_LOCAL_DIR/trade-demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh
export TESSERA_LOCAL_DIR="${TESSERA_LOCAL_DIR:-$PWD/.local}/trade-demo"
rm -rf "$TESSERA_LOCAL_DIR" && mkdir -p "$TESSERA_LOCAL_DIR"
log="$TESSERA_LOCAL_DIR/exchange.log"
./tessera exchange serve --data scan-demo --start 2024-03-13T14:30:00Z --speed 1 --port 0 --memory --rate-limit 0 >"$log" 2>&1 &
exchange=$!
trap 'kill $exchange 2>/dev/null || true; wait $exchange 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  url=$(sed -n 's/.*listening on \(http:\/\/127\.0\.0\.1:[0-9]*\/\).*/\1/p' "$log" | head -1)
  [ -n "$url" ] && break
  kill -0 $exchange 2>/dev/null || { cat "$log" >&2; exit 3; }
  sleep 0.5
done
[ -n "${url:-}" ] || { echo "the local exchange did not start" >&2; cat "$log" >&2; exit 3; }
export TESSERA_BROKER=local TESSERA_EXCHANGE_URL="$url" TESSERA_TRADING_CONFIG="$PWD/config/trading-demo.yaml"
echo "local exchange at $url (demo market, clock 2024-03-13 10:30 New York)"
./tessera trade preflight
./tessera trade scan --slot demo-20240313-1030
./tessera trade orders
./tessera audit verify
./tessera trade reconcile
echo "trade demo done: ledger, orders and events under $TESSERA_LOCAL_DIR"
