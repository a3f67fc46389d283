#!/usr/bin/env bash
# Boots the real backend (in-memory SQLite) and checks that it becomes ready, that the Thanos routes
# refuse requests without a Backstage identity, and that a guest can read them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
port="${SMOKE_BACKEND_PORT:-7007}"
log=$(mktemp)
# Every wait below polls for its condition up to a deadline: how long a step takes depends on the
# machine and its load, so no step assumes a speed.
# poll <seconds> <command…>: true as soon as the command succeeds, false once the deadline passed.
poll() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 1
  done
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
# A backend still shutting down (e.g. from the end-to-end tests) may hold the port for a moment.
poll 60 port_free || { echo "port $port is still in use after 60 s" >&2; exit 1; }
setsid yarn workspace backend start >"$log" 2>&1 &
pid=$!
cleanup() { kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT

ready_or_exited() {
  curl -fsS "http://127.0.0.1:$port/.backstage/health/v1/readiness" 2>/dev/null | grep -Eq '"status": *"ok"' \
    || ! kill -0 "$pid" 2>/dev/null
}
if ! poll 180 ready_or_exited || ! kill -0 "$pid" 2>/dev/null; then
  echo "backend did not become ready within 180 s; log:" >&2; tail -n 80 "$log" >&2; exit 1
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
# The catalog reads its locations in the background after readiness, so the example clusters
# appear some seconds later: poll for them (bounded) instead of counting once.
expected=$(grep -c 'type: kubernetes-cluster' examples/thanos-clusters.yaml)
catalog_timeout="${SMOKE_CATALOG_TIMEOUT:-60}"
count=0
clusters_ingested() {
  count=$(curl -fsS -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/catalog/entities/by-query?filter=spec.type=kubernetes-cluster" 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).items.length)}catch{console.log(0)}})')
  [ "${count:-0}" -ge "$expected" ]
}
waited_from=$SECONDS
if ! poll "$catalog_timeout" clusters_ingested; then
  echo "example clusters in the catalog after ${catalog_timeout} s: ${count:-0} of $expected" >&2; exit 1
fi
echo "example clusters in the catalog: $count of $expected (after $((SECONDS - waited_from)) s)"
echo "smoke test passed"
