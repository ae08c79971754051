#!/usr/bin/env bash
# Makes sure a Chromium for Playwright exists: MLC_CHROMIUM, Debian's /usr/bin/chromium, or install it (root, apt).
set -euo pipefail
if [ -n "${MLC_CHROMIUM:-}" ] && [ -x "$MLC_CHROMIUM" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Chromium found. Install one (Debian: apt-get install chromium) or set MLC_CHROMIUM to its path." >&2
exit 1
