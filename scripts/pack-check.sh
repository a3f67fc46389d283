#!/usr/bin/env bash
# Packs every package under plugins/ the way it is published and checks what an adopting app gets:
# the tarball listing (files, sizes), publint and Are the Types Wrong? on each tarball, and an app
# outside the repository that installs the tarballs and imports each one (CommonJS for backend
# packages, ESM for common libraries, Jest's resolver for frontend packages).
# New plugin folders are picked up by themselves. Usage: bash scripts/pack-check.sh [--keep]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
keep=""
[ "${1:-}" = "--keep" ] && keep=yes

# Outside the repository, so nothing of the monorepo (node_modules, workspaces) can leak in.
work=$(mktemp -d "/tmp/thanos-pack-check.XXXXXX")
cleanup() { if [ -n "$keep" ]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
mkdir -p "$work/tarballs" "$work/logs"

echo "==> yarn tsc (declarations for the builds)"
yarn tsc

tarballs=()
before=$(git status --porcelain --ignored -- plugins | grep -vE '/(node_modules|dist)/$' || true)
for dir in plugins/*/; do
  dir=${dir%/}
  [ -f "$dir/package.json" ] || continue
  name=$(node -p "require('./$dir/package.json').name")
  if [ "$(node -p "require('./$dir/package.json').private === true")" = true ]; then
    echo "==> $name is private: not packed"
    continue
  fi
  tarball="$work/tarballs/$(basename "$dir").tgz"
  echo "==> build and pack $name"
  log="$work/logs/$(basename "$dir").log"
  if ! (cd "$dir" && yarn build && yarn pack --out "$tarball") >"$log" 2>&1; then
    cat "$log" >&2
    echo "building or packing $name failed" >&2
    exit 1
  fi
  tarballs+=("$tarball")
done
after=$(git status --porcelain --ignored -- plugins | grep -vE '/(node_modules|dist)/$' || true)
if [ "$after" != "$before" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  echo "packing left changes behind in plugins/ (prepack/postpack must restore every package)" >&2
  exit 1
fi

echo "==> tarballs: listing, publint, Are the Types Wrong?"
node scripts/pack-check/lint-tarballs.mjs "${tarballs[@]}"

echo "==> an app outside the repository installs the tarballs and imports each one"
node scripts/pack-check/app-import.mjs "$work/app" "${tarballs[@]}"
