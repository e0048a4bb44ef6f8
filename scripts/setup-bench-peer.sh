#!/usr/bin/env bash
# Installs the npm MCP server meta-ads-mcp 1.1.0 (the peer `adsbridge-bench mcp-peers` compares against) into
# .tools/mcp-peer (git-ignored), or into the directory given as $1. Idempotent. Only the npm registry is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.tools/mcp-peer}
if [ -f "$dir/node_modules/meta-ads-mcp/build/index.js" ]; then
  exit 0
fi
mkdir -p "$dir"
printf '{"name":"adsbridge-bench-peer","private":true,"dependencies":{"meta-ads-mcp":"1.1.0"}}\n' > "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
