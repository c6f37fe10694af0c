#!/usr/bin/env bash
# Installs Debian's Chromium for tools/browser-suite (called by .ci/run). playwright-core drives it at
# /usr/bin/chromium and downloads no browser of its own. Needs root (CI runs as root) or sudo.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  /usr/bin/chromium --version 2>/dev/null || true
  exit 0
fi

run_as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -q
run_as_root apt-get install -y -q chromium
/usr/bin/chromium --version
