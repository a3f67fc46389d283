#!/usr/bin/env bash
# Browser end-to-end tests: starts the Thanos simulator (a test double, with Debian's prometheus when
# available), the Backstage backend and frontend, then runs Playwright in Debian's Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh
bash scripts/install-chromium.sh
bash scripts/install-prometheus.sh || echo "==> running the end-to-end tests without Prometheus" >&2

logs="$ROOT/e2e-test-report/logs"
mkdir -p "$logs"
pids=()
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
cleanup() {
  for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # The next step (CI's smoke test) binds the same ports: leave only once they are free.
  if [ "${#pids[@]}" -gt 0 ]; then
    for _ in $(seq 1 60); do
      port_in_use 7007 || port_in_use 3000 || port_in_use 10902 || port_in_use 6443 || break
      sleep 1
    done
  fi
}
trap cleanup EXIT INT TERM

up() { curl -fsS -o /dev/null "$1" 2>/dev/null; }
# Reuse a demo that is already running (`bash scripts/start.sh`), like Playwright's reuseExistingServer.
if up http://127.0.0.1:10902/-/ready; then
  echo "==> reusing the running Thanos simulator"
else
  setsid node packages/thanos-simulator/src/main.js --host 127.0.0.1 --port 10902 --with-prometheus auto --kubernetes-port 6443 \
    >"$logs/simulator.log" 2>&1 &
  pids+=($!)
fi
if up http://127.0.0.1:7007/.backstage/health/v1/readiness && up http://localhost:3000; then
  echo "==> reusing the running Backstage app"
else
  setsid yarn start:app >"$logs/app.log" 2>&1 &
  pids+=($!)
fi

wait_for() {
  local url=$1 what=$2
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then echo "==> $what is up"; return 0; fi
    sleep 1
  done
  echo "$what did not come up at $url" >&2
  tail -n 60 "$logs"/*.log >&2
  return 1
}
wait_for http://127.0.0.1:10902/-/ready "Thanos simulator"
wait_for http://127.0.0.1:7007/.backstage/health/v1/readiness "backend"
wait_for http://localhost:3000 "frontend"

yarn playwright test "$@"
