#!/usr/bin/env bash
# Lint the map's JavaScript, the browser tests' probes (tests/js) and the benchmarks'
# (benchmarks/js) with ESLint, and the app's own CSS (static/atlas, static/page,
# static/export) with stylelint, both from npm (installed into ./node_modules, git-ignored).
# Needs node and npm (Debian: apt-get install nodejs npm). Re-running skips the install
# while package-lock.json is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is required to lint static/atlas and static/page (apt-get install nodejs npm)" >&2
  exit 1
fi
stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
node_modules/.bin/eslint --max-warnings=0 static/atlas tests/js benchmarks/js
exec node_modules/.bin/stylelint --max-warnings=0 "static/atlas/*.css" "static/page/*.css" \
  "static/export/*.css"
