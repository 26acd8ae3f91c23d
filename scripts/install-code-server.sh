#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench and extension host, from the npm
# registry) into .vscode-test/code-server, for the extension tests and `npm run demo -- --editor`.
# Needs Debian's ripgrep, libkrb5-dev and Node's headers (nothing is downloaded from elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.100.3
DEST=.vscode-test/code-server
if [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $VERSION is installed in $DEST"
  exit 0
fi
mkdir -p "$DEST"
# @vscode/ripgrep's postinstall downloads rg unless its cache holds it: give it Debian's.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
if [ ! -f "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
  work="$(mktemp -d)"
  cp "$(command -v rg)" "$work/rg"
  tar -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$work" rg
  rm -rf "$work"
fi
cd "$DEST"
[ -f package.json ] || echo '{ "name": "code-server-host", "private": true }' > package.json
npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr npm_config_build_from_source=argon2 \
  npm install --no-save --no-audit --no-fund "code-server@$VERSION"
test -f node_modules/code-server/out/node/entry.js
echo "code-server $VERSION installed in $DEST"
