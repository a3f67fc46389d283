#!/usr/bin/env bash
# Debian's Chromium for the browser end-to-end tests (Playwright cannot download its own browser here).
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: install Debian's chromium package, or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "==> installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
