#!/usr/bin/env bash
# Production suites: start-up, multi-replica, owner notifications, load (short form), faults and
# hostile input, each against real backend processes started from the backend bundle (what the Dockerfile ships),
# with the shared PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379). The bundle is built
# once here and unpacked once by the first suite; every suite starts the same one. One suite at
# a time: each starts its own backends, and two cores do not leave room for two suites' backends
# at once. Prints Node's test runner summary.
#
# PRODUCTION_REUSE_BUNDLE=1 skips the build when packages/backend/dist/bundle.tar.gz exists
# (iterating on the suites themselves, not on the backend).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/env.sh ]; then
  # Node 22 and the committed yarn on PATH (the system Node may be older).
  source scripts/env.sh
fi
if [ "${PRODUCTION_REUSE_BUNDLE:-}" = 1 ] && [ -f packages/backend/dist/bundle.tar.gz ]; then
  echo "==> Reusing packages/backend/dist/bundle.tar.gz" >&2
else
  echo "==> Building the backend bundle (yarn tsc, yarn build:backend)" >&2
  started=$SECONDS
  yarn tsc
  yarn build:backend >/dev/null
  echo "==> Bundle built in $((SECONDS - started)) s" >&2
fi
exec node --test --test-concurrency=1 --test-reporter=spec \
  production/startup.test.mjs \
  production/multi-replica.test.mjs \
  production/notifications.test.mjs \
  production/load.test.mjs \
  production/faults.test.mjs \
  production/hostile.test.mjs
