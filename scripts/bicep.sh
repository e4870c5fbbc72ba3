#!/usr/bin/env bash
# Runs the Bicep CLI the tests use (Azure.Bicep.CommandLine.linux-x64 from NuGet, restored by
# tests/Tessera.Infra.Tests): restores it when missing, sets the execute bit NuGet drops, then passes the arguments on.
#   scripts/bicep.sh lint --pattern 'infra/**/*.bicep'
#   scripts/bicep.sh build infra/main.bicep --outdir /tmp/arm
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' tests/Tessera.Infra.Tests/Tessera.Infra.Tests.csproj)
root=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
bicep="${root%/}/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [ ! -f "$bicep" ]; then
  dotnet restore tests/Tessera.Infra.Tests --nologo -v q >&2
fi
[ -x "$bicep" ] || chmod +x "$bicep"
export BICEP_TELEMETRY_ENABLED=false
exec "$bicep" "$@"
