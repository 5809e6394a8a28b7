#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/browser_support.py): Debian's chromium,
# chromium-driver and a font with every Vietnamese glyph. Idempotent: does nothing when
# Chromium and chromedriver are already installed. Run by scripts/test.sh before pytest,
# outside the network namespace (apt needs the network).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: no apt-get (not Debian?): install Chromium and chromedriver yourself;" \
         "the browser tests are skipped without them" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_browser: not root and no sudo: the browser tests are skipped" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -qq -y --no-install-recommends chromium chromium-driver fonts-noto-core >/dev/null
