#!/usr/bin/env bash
# The browser tests drive Debian's chromium; install it from Debian if it is missing.
# (Never a browser download: `playwright install` is not used.)
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing: run 'sudo apt-get install -y chromium' (Debian) and retry." >&2
    exit 1
fi
echo "Installing Debian's chromium for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
