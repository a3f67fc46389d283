#!/usr/bin/env bash
# Boots the real backend (in-memory SQLite) and checks that it becomes ready, that the Thanos routes
# refuse requests without a Backstage identity, and that a guest can read them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
port="${SMOKE_BACKEND_PORT:-7007}"
log=$(mktemp)
# A backend still shutting down (e.g. from the end-to-end tests) may hold the port for a moment.
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  sleep 1
done
setsid yarn workspace backend start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT

ready=""
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/.backstage/health/v1/readiness" 2>/dev/null | grep -Eq '"status": *"ok"'; then
    ready=yes; break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "backend did not become ready; log:" >&2; tail -n 80 "$log" >&2; exit 1
fi
if grep -E "startup failed|Plugin '.*' .*failed" "$log"; then
  echo "a plugin failed at start-up" >&2; exit 1
fi
echo "readiness: ok"

code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/thanos/v1/instances")
echo "GET /api/thanos/v1/instances without a token: $code"
[ "$code" = 401 ] || { echo "expected 401" >&2; exit 1; }

token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/auth/guest/refresh" -H 'X-Requested-With: XMLHttpRequest' 2>/dev/null \
  || curl -fsS "http://127.0.0.1:$port/api/auth/guest/refresh" -H 'X-Requested-With: XMLHttpRequest')
token=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).backstageIdentity.token)' "$token")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/thanos/v1/instances")
echo "GET /api/thanos/v1/instances as guest: $code"
[ "$code" = 200 ] || { echo "expected 200" >&2; exit 1; }
count=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/catalog/entities/by-query?filter=spec.type=kubernetes-cluster" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
echo "example clusters in the catalog: $count"
[ "$count" -ge 4 ] || { echo "expected the example clusters in the catalog" >&2; exit 1; }
echo "smoke test passed"
