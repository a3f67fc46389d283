#!/usr/bin/env bash
# Debian's prometheus evaluates the backend's PromQL for real in the demo and the end-to-end tests.
# Installs it when missing and this is a Debian machine where we are root; otherwise exits 1 and the
# demo runs without metrics.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "==> prometheus is not installed and cannot be installed here (needs Debian and root)" >&2
  exit 1
fi
echo "==> installing Debian's prometheus" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# Keep the package's own service from starting: the simulator runs its own Prometheus.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.thanos && chmod +x /usr/sbin/policy-rc.d.thanos
if [ ! -e /usr/sbin/policy-rc.d ]; then
  cp /usr/sbin/policy-rc.d.thanos /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
rm -f /usr/sbin/policy-rc.d.thanos
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
