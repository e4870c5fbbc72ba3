# The two commands of the README:
#   make run   - the full local life cycle on the embedded default (Azurite + local durable engine)
#   make test  - every test (unit + integration)
.PHONY: run test build serve azurite bench tools

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

bench: tools
	dotnet run -c Release --project bench/Tessera.Bench -- all
