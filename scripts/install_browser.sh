#!/usr/bin/env bash
# Install the headless browser used by the browser tests (tests/browser_support.py):
# Debian's chromium + chromium-driver and a font with Vietnamese glyphs
# (fonts-dejavu-core).  Idempotent: does nothing when all are present.
# Needs root (or sudo) and access to the Debian package mirrors.
# About 20-26 packages, ~126 MB download, ~400 MB on disk, ~15-20 s.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-dejavu-core)
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

log() { echo "install_browser: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

present() { [[ -x $CHROMIUM && -x $CHROMEDRIVER && -f $FONT ]]; }

if present; then
    log "chromium, chromedriver and DejaVu fonts already installed; nothing to do"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${PACKAGES[*]} by hand (Debian/Ubuntu only)"

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "must run as root (or have sudo) to install ${PACKAGES[*]}"
    SUDO=(sudo -n)
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-q -o Acquire::Retries=3 -o DPkg::Lock::Timeout=300)

log "apt-get update"
if ! out=$("${SUDO[@]}" apt-get "${APT_OPTS[@]}" update 2>&1); then
    echo "$out" | tail -20 >&2
    die "apt-get update failed"
fi

log "apt-get install ${PACKAGES[*]}"
if ! out=$("${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y --no-install-recommends "${PACKAGES[@]}" 2>&1); then
    echo "$out" | tail -30 >&2
    die "apt-get install ${PACKAGES[*]} failed"
fi

present || die "install finished but $CHROMIUM, $CHROMEDRIVER or $FONT is still missing"
"$CHROMEDRIVER" --version >/dev/null 2>&1 || die "$CHROMEDRIVER does not run"
log "installed: $("$CHROMEDRIVER" --version | cut -d' ' -f1-2)"
