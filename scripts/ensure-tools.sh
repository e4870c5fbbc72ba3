#!/usr/bin/env bash
# Installs what the two README commands need on a fresh machine: the pinned Azurite (npm ci) and,
# when missing, Node.js/npm from Debian. The .NET 10 SDK must be present (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 3
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Node.js and npm from Debian (needed for Azurite)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "error: npm is required to install Azurite; install Node.js 20+ (e.g. 'sudo apt-get install nodejs npm')" >&2
    exit 3
  fi
fi

# Reinstall only when the lock file changed since the last install.
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing pinned Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
