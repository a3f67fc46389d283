#!/usr/bin/env bash
# Runs every test of the project: Jest over all packages (unit, integration with the real Backstage
# backend and scaffolder), the simulator's own tests, and the browser end-to-end tests.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh

echo "==> Jest: all packages"
CI=true yarn backstage-cli repo test --maxWorkers=2

echo "==> Thanos simulator (test double) tests"
(cd packages/thanos-simulator && node --test test/*.test.js)

echo "==> Browser end-to-end tests (Playwright, Debian Chromium)"
bash scripts/e2e.sh
