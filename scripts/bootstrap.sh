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
yarn_install() {
  if [ "${CI:-}" = true ]; then
    yarn install --immutable
  else
    yarn install
  fi
}
echo "==> yarn install (Node $(node -v))" >&2
# A cold install can fail for reasons that do not repeat: a TLS error while fetching one of ~3000
# tarballs, or two native builds racing (better-sqlite3's node-gyp). Yarn keeps what it already
# fetched and built, so a second run only redoes what failed.
if ! yarn_install; then
  echo "==> yarn install failed; retrying once (Yarn keeps what it already fetched and built)" >&2
  yarn_install
fi
echo "$lock_sum-$(node -v)" > "$stamp"
