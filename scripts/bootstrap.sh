#!/usr/bin/env bash
# Installs whatever is missing (Node 22, dependencies) and nothing else. Safe to run again: a no-op
# install takes a few seconds.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
stamp="node_modules/.thanos-install-stamp"
lock_sum=$( (cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null || true) | sha1sum | cut -d" " -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum-$(node -v)" ]; then
  exit 0
fi
echo "==> yarn install (Node $(node -v))" >&2
if [ "${CI:-}" = true ]; then
  yarn install --immutable
else
  yarn install
fi
echo "$lock_sum-$(node -v)" > "$stamp"
