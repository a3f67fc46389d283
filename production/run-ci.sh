#!/usr/bin/env bash
# Production suites (issue 9): multi-replica, load (short form), faults and hostile input, each
# against real backend processes with the shared PostgreSQL (127.0.0.1:5432) and Redis
# (127.0.0.1:6379). One suite at a time: each starts its own backends, and two cores do not
# leave room for two suites' backends at once. Prints Node's test runner summary.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/env.sh ]; then
  # Node 22 and the committed yarn on PATH (the system Node may be older).
  source scripts/env.sh
fi
exec node --test --test-concurrency=1 --test-reporter=spec \
  production/multi-replica.test.mjs \
  production/load.test.mjs \
  production/faults.test.mjs \
  production/hostile.test.mjs
