#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/web/test_browser.py). Playwright drives it
# through `executable_path`; Playwright's own browser download cannot reach its host here.
# Idempotent: does nothing when chromium is already on the PATH. Needs root (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "install_browser: $(chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "install_browser: chromium missing and not root; run: sudo apt-get install -y chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "install_browser: $(chromium --version) installed"
