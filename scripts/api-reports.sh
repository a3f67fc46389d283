#!/usr/bin/env bash
# API reports of the published packages (plugins/*/report.api.md), made the way Backstage makes its
# own. `bash scripts/api-reports.sh` rewrites them; `--ci` fails when a package's API differs from
# its committed report, or a report has warnings.
# The declarations are rebuilt from scratch first: an incremental build re-checks only some files,
# and TypeScript may then print the properties of an inferred type in another order, which would
# show up as an API change that is not one.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mode=()
case "${1:-}" in
  --ci) mode=(--ci) ;;
  "") ;;
  *) echo "usage: $0 [--ci]" >&2; exit 2 ;;
esac
rm -f dist-types/tsconfig.tsbuildinfo
yarn tsc
yarn backstage-repo-tools api-reports "${mode[@]}" \
  -o ae-wrong-input-file-type,ae-undocumented --validate-release-tags 'plugins/*'
