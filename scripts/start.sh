#!/usr/bin/env bash
# Quick start: installs what is missing (Node 22, dependencies, Debian's prometheus when possible),
# starts the Thanos API simulator (a test double standing in for Thanos) and the Backstage app:
# backend on :7007 (in-memory SQLite, guest sign-in), frontend on :3000.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh
bash scripts/install-prometheus.sh || echo "==> Prometheus unavailable: the demo runs without metrics" >&2

SIMULATOR_PORT="${THANOS_SIMULATOR_PORT:-10902}"
node packages/thanos-simulator/src/main.js --host 127.0.0.1 --port "$SIMULATOR_PORT" --with-prometheus auto --kubernetes-port 6443 &
simulator_pid=$!
trap 'kill "$simulator_pid" 2>/dev/null || true' EXIT INT TERM

yarn start:app
