# The two commands of the README:
#   make run   - the full local life cycle on the embedded default (Azurite + local durable engine)
#   make test  - every test (unit + integration)
.PHONY: run test build serve azurite bench tools halt resume audit config-check trade-scan trade-demo backtest lint deps-audit bicep publish

PROFILE ?= default
# Runs, the embedded Azurite's data and the generated API key live here (git-ignored).
export TESSERA_LOCAL_DIR ?= $(CURDIR)/.local

tools:
	@scripts/ensure-tools.sh

build: tools
	dotnet build FunctionApp.sln -c Release --nologo -v q

# Starts Azurite on free loopback ports, runs one life cycle, prints run id, weights and report, stops Azurite.
run: tools
	./tessera run --profile $(PROFILE)

test:
	@scripts/test.sh

# HTTP API on 127.0.0.1 (see README); embedded Azurite unless TESSERA_STORAGE_CONNECTION_STRING is set.
serve: tools
	./tessera serve

# A standalone Azurite on the default ports (use it with TESSERA_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true),
# persisting in its own folder, apart from the embedded default's (Ctrl-C to stop).
azurite: tools
	node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
	  --location $(TESSERA_LOCAL_DIR)/azurite-standalone --disableTelemetry --skipApiVersionCheck

# The order path (docs/TRADING.md). The broker is $TESSERA_BROKER (default: the local exchange, 'tessera exchange serve').
# make halt REASON="..."  sets the kill switch, cancels every order and closes every position (the seed's make halt).
halt: tools
	./tessera halt --flatten --reason "$(or $(REASON),make halt)"

# make resume REASON="..." [APPROVE="..." APPROVER=NAME] (after a circuit-breaker halt the same day SOP-02 needs both).
resume: tools
	./tessera resume --reason "$(or $(REASON),make resume)" $(if $(APPROVE),--approve "$(APPROVE)" --approver "$(APPROVER)")

# Verify every audit-ledger chain, then the lakehouse freshness audit (the data audits that exist).
audit: tools
	./tessera audit verify
	./tessera data audit

# Validate config/trading.yaml and every sleeve profile; prints the config pin.
config-check: tools
	./tessera config check

trade-scan: tools
	./tessera trade scan

# The order path end to end on the local exchange's demo market (preflight, scan, fills, audit, reconciliation).
trade-demo: tools
	scripts/trade-demo.sh

bench: tools
	dotnet run -c Release --project bench/Tessera.Bench -- all

# The seed's make backtest: walk-forward of several strategies, then purged K-fold CV (with PBO and deflated Sharpe)
# of one strategy's parameter grid (nine candidates by default, so PBO has something to rank), on a profile's universe
# (default compact: two years of its synthetic market).
BT_UNIVERSE ?= compact
BT_STRATEGIES ?= connors-rsi2,ibs,donchian-breakout
BT_STRATEGY ?= connors-rsi2
BT_GRID ?= LongEntryBelow=5|10|15;MaxHoldBars=3|5|8
backtest: tools
	./tessera walkforward --strategies $(BT_STRATEGIES) --universe $(BT_UNIVERSE) --out $(TESSERA_LOCAL_DIR)/backtest/walkforward
	./tessera validate --method purged-kfold --strategy $(BT_STRATEGY) --grid '$(BT_GRID)' --universe $(BT_UNIVERSE) --out $(TESSERA_LOCAL_DIR)/backtest/validate

# Whitespace/formatting (dotnet format), a full rebuild running every analyzer with warnings as errors (Meziantou, Roslynator, Durable Task,
# .NET), and bicep lint of infra/ (any diagnostic, even a warning, fails).
lint: tools
	dotnet format whitespace FunctionApp.sln --verify-no-changes
	dotnet build FunctionApp.sln -c Release --nologo -v q --no-incremental
	@out=$$(scripts/bicep.sh lint --pattern 'infra/**/*.bicep' 2>&1); if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "bicep lint: no diagnostics"

# Known-vulnerable packages (direct and transitive); says so when the NuGet feed publishes no vulnerability data.
deps-audit:
	@scripts/deps-audit.sh

# Compile infra/main.bicep to ARM JSON (what azd provision deploys) into .local/arm/.
bicep:
	scripts/bicep.sh build infra/main.bicep --outdir $(TESSERA_LOCAL_DIR)/arm

# What azd package would upload: the Function App and the stream service, published to .local/publish/.
publish:
	dotnet publish functions/Tessera.Functions -c Release --nologo -v q -o $(TESSERA_LOCAL_DIR)/publish/functions
	dotnet publish stream/Tessera.Stream -c Release --nologo -v q -o $(TESSERA_LOCAL_DIR)/publish/stream

# Tessera against its peers (trading-signals, R TTR, scikit-learn, cvxopt, an HRP reference on scipy) on the same
# inputs, back to back, pinned to one core and on both (docs/benchmarks/peers.md). CORES=one|both|all (default all).
.PHONY: bench-peers
bench-peers:
	bench/peers/run.sh $(or $(CORES),all)
